import type { ProcedureDetailView, ProcedureSummaryView } from '../../common/ipc/contract';
import type { IpcHandlers } from '../../common/ipc/types';
import { processingDays, type Procedure, type ProcedureSummary } from '../../common/procedure';
import type { CityGateway } from '../city/city-gateway-port';

function summaryView(p: ProcedureSummary): ProcedureSummaryView {
  return {
    code: p.code,
    name: p.name,
    field: p.field,
    fieldCode: p.fieldCode,
    agency: p.agency,
    serviceLevel: p.serviceLevel,
    processingDays: processingDays(p) ?? null,
    hasFee: p.hasFee,
  };
}

function detailView(p: Procedure): ProcedureDetailView {
  return {
    ...summaryView(p),
    processingTimes: p.processingTimes.map((t) => ({
      channel: t.channel,
      workingDays: t.workingDays,
      note: t.note ?? null,
    })),
    fees: p.fees.map((f) => ({
      name: f.name,
      kind: f.kind,
      amountVnd: f.amountVnd,
      channel: f.channel ?? null,
    })),
    cases: p.cases.map((c) => ({
      code: c.code,
      name: c.name,
      documents: c.documents.map((d) => ({
        name: d.name,
        copyType: d.copyType,
        quantity: d.quantity,
        required: d.required,
      })),
    })),
    result: p.result,
    legalBasis: [...p.legalBasis],
    conditions: p.conditions ?? null,
  };
}

/** The procedure catalogue from the city system, in the shape the screens need. */
export function createProcedureHandlers(city: () => CityGateway): Pick<IpcHandlers, 'procedures'> {
  return {
    procedures: {
      list: async ({ q, field }) => ({
        procedures: (
          await city().listProcedures({
            ...(q !== undefined ? { q } : {}),
            ...(field !== undefined ? { field } : {}),
          })
        ).map(summaryView),
      }),
      get: async ({ code }) => detailView(await city().getProcedure(code)),
    },
  };
}
