import { AppError } from '../../common/errors';
import type { FormField } from '../../common/ipc/contract';
import type { IpcHandlers } from '../../common/ipc/types';
import type { FormSchema } from '../../common/procedure';
import type { AppServices } from './app-services';

/** The procedure's JSON-schema form as plain field descriptions for the renderer's form. */
export function formFields(schema: FormSchema): FormField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, p]) => {
    const str = (key: string) => {
      const v = p[key];
      return typeof v === 'string' ? v : null;
    };
    const options = Array.isArray(p.enum) ? p.enum.map(String) : [];
    return {
      name,
      title: str('title') ?? name,
      kind: options.length > 0 ? 'choice' : str('format') === 'date' ? 'date' : 'text',
      options,
      required: required.has(name),
      maxLength: typeof p.maxLength === 'number' ? p.maxLength : null,
      pattern: str('pattern'),
      defaultValue: str('default'),
    };
  });
}

/** Dossier intake: consent, audited lookup, prefilled form, durable submission, receipt slip. */
export function createIntakeHandlers(
  services: AppServices,
): Pick<IpcHandlers, 'intake' | 'dossiers'> {
  const intake = () => {
    if (!services.intake) throw new AppError('INTERNAL', 'Dossier intake is not available');
    return services.intake;
  };
  return {
    intake: {
      start: async ({ procedureCode }) => {
        const s = await intake().start(procedureCode);
        return {
          procedureName: s.procedure.name,
          purpose: s.purpose,
          legalBasis: s.legalBasis,
          consentRef: s.consentRef,
        };
      },
      consent: async ({ granted }) => {
        await intake().consent(granted);
        return {};
      },
      lookup: async () => {
        const r = await intake().lookup();
        return {
          differences: r.differences.map((d) => ({ ...d })),
          prefill: r.prefill,
          fields: formFields(r.formSchema),
          documents: r.documents.map((d) => ({ code: d.code, name: d.name, required: d.required })),
        };
      },
      submit: ({ formData, attachments }) => intake().submitAndPrint(formData, attachments),
      cancel: () => {
        services.intake?.wipe();
        return Promise.resolve({});
      },
    },
    dossiers: {
      track: ({ query }) => services.dossiers.track(query),
      outbox: async () => ({ entries: await services.dossiers.outbox() }),
      form01: ({ localRef }) => services.dossiers.form01(localRef),
      exportForm01: async ({ localRef }) => {
        if (!services.exportForm01) {
          throw new AppError('NOT_SUPPORTED', 'PDF export needs the desktop app; print the page');
        }
        return { file: await services.exportForm01(localRef) };
      },
      retry: async ({ localRef }) => {
        await services.dossiers.retry(localRef);
        return {};
      },
    },
  };
}
