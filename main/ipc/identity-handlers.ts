import { AppError } from '../../common/errors';
import type { CitizenIdentity } from '../../common/citizen-identity';
import type { CitizenIdentityView } from '../../common/ipc/contract';
import type { IpcHandlers } from '../../common/ipc/types';
import type { AppServices } from './app-services';

/** CitizenIdentity → what crosses IPC: absent fields as null, the portrait as base64. */
export function identityView(c: CitizenIdentity): CitizenIdentityView {
  return {
    idNumber: c.idNumber,
    fullName: c.fullName,
    dateOfBirth: c.dateOfBirth,
    sex: c.sex,
    nationality: c.nationality,
    ethnicity: c.ethnicity ?? null,
    religion: c.religion ?? null,
    placeOfOrigin: c.placeOfOrigin ?? null,
    placeOfResidence: c.placeOfResidence ?? null,
    identifyingMarks: c.identifyingMarks ?? null,
    issueDate: c.issueDate ?? null,
    expiryDate: c.expiryDate,
    fatherName: c.fatherName ?? null,
    motherName: c.motherName ?? null,
    spouseName: c.spouseName ?? null,
    oldIdNumber: c.oldIdNumber ?? null,
    photoJpegBase64: c.photo ? Buffer.from(c.photo).toString('base64') : null,
    passiveAuth: { status: c.passiveAuth.status, detail: c.passiveAuth.detail },
    access: c.access,
  };
}

/** Reading the citizen's ID card, and demo-mode card placement. */
export function createIdentityHandlers(
  services: AppServices,
): Pick<IpcHandlers, 'identity' | 'devices'> &
  Pick<IpcHandlers['demo'], 'cards' | 'placeCard' | 'removeCard'> {
  const reader = () => {
    if (!services.identity) {
      throw new AppError('DEVICE_NOT_CONNECTED', 'No ID card reader is configured');
    }
    return services.identity;
  };
  const demoCard = () => {
    const card = services.demo?.idCard;
    if (!card) throw new AppError('IPC_FORBIDDEN', 'Only available in demo mode');
    return card;
  };
  return {
    identity: {
      readCard: async ({ key }) => identityView(await reader().read(key)),
      cancel: () => {
        services.identity?.cancel();
        return Promise.resolve({});
      },
      lastRead: (_req, ctx) => {
        services.auth.require(ctx.senderId);
        const log = services.identity?.lastRead();
        return Promise.resolve({
          log: log
            ? {
                outcome:
                  log.outcome === undefined
                    ? 'running'
                    : log.outcome === 'ok'
                      ? 'ok'
                      : log.outcome.code,
                access: log.access ?? null,
                steps: log.steps,
                frames: log.frames.map((f) => ({
                  direction: f.direction,
                  kind: f.kind,
                  hex: f.hex,
                })),
              }
            : null,
        });
      },
    },
    devices: {
      listPorts: async (_req, ctx) => {
        services.auth.require(ctx.senderId);
        return { ports: await services.listSerialPorts() };
      },
    },
    cards: () => {
      const card = demoCard();
      return Promise.resolve({
        cards: card.profiles.map((p) => ({
          id: p.id,
          title: p.title,
          description: p.description,
          qrText: p.qrText,
        })),
        current: card.currentProfile ?? null,
      });
    },
    placeCard: async ({ profileId }) => {
      await demoCard().placeCard(profileId);
      return {};
    },
    removeCard: () => {
      demoCard().removeCard();
      return Promise.resolve({});
    },
  };
}
