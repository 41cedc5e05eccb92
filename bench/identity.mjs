// Identity figures (issue 3): a full chip read through the PN532 simulator paced like a UART at
// 115200 baud in both directions, and camera-frame QR decoding with @zxing/library.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTsModules } from './load-ts.mjs';
import QRCode from 'qrcode';
import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from '@zxing/library';

const BAUD = 115200;
const READ_RUNS = 5;
const QR_RUNS = 25;
const FRAME = { width: 1280, height: 720 };
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The TypeScript modules under test, bundled on the fly (as scripts/build.mjs does).
const ENTRY = `
export { Pn532Simulator } from './simulators/pn532/pn532-simulator';
export { createMemoryTransportPair } from './main/devices/transport/memory-transport';
export { createProfileCard, trustedCscaDer } from './simulators/cccd-chip/profiles';
export { Pn532IdCardReader } from './main/devices/id-card/pn532/pn532-id-card-reader';
export { openSecureSession, readLdsFiles } from './main/devices/id-card/icao9303/secure-session';
export { cccdAccessKeys } from './main/devices/id-card/icao9303/cccd-access-keys';
export { verifyPassiveAuth } from './main/devices/id-card/icao9303/passive-auth/passive-authenticator';
export { loadTrustStore } from './main/devices/id-card/icao9303/passive-auth/trust-store';
export { IcaoCardDocumentReader, IcaoCardDocumentInterpreter } from './main/devices/id-card/icao-card-document-reader';
export { IdentityService } from './main/services/identity/identity-service';
`;

const loadModules = (root) => loadTsModules(root, 'identity', ENTRY);

/** Waits until `target` (performance.now() ms): a timer for the bulk, a spin for the last 1.5 ms. */
async function waitUntil(target) {
  const coarse = target - performance.now() - 1.5;
  if (coarse > 0) await sleep(coarse);
  while (performance.now() < target) {
    // setTimeout alone overshoots by ~1 ms per frame, which would dominate small frames
  }
}

/**
 * One side of a UART line (10 bits per byte at `baud`): bytes leave back to back while the line
 * is busy, and arrive when their last bit would have. Used on both sides of an in-process pair.
 */
function pacedTransport(inner, baud) {
  let lineFreeAt = 0;
  let queue = Promise.resolve();
  return {
    get uri() {
      return inner.uri;
    },
    get isOpen() {
      return inner.isOpen;
    },
    open: (t) => inner.open(t),
    onData: (l) => inner.onData(l),
    onClose: (l) => inner.onClose(l),
    close: () => inner.close(),
    write(bytes, t) {
      const copy = bytes.slice();
      queue = queue.then(async () => {
        const start = Math.max(performance.now(), lineFreeAt);
        lineFreeAt = start + (copy.length * 10 * 1000) / baud;
        await waitUntil(lineFreeAt);
        await inner.write(copy, t);
      });
      return queue;
    },
  };
}

/** A PN532 simulator on a paced in-process line; returns the host end for the driver. */
async function pacedPn532(mod) {
  const { host, device } = mod.createMemoryTransportPair('sim://pn532');
  const simulator = new mod.Pn532Simulator();
  await simulator.attach(pacedTransport(device, BAUD));
  return { transport: pacedTransport(host, BAUD), simulator };
}

async function chipRead(mod, trustDir) {
  const { transport, simulator } = await pacedPn532(mod);
  const reader = new mod.Pn532IdCardReader(transport);
  await reader.open();
  const trustStore = await mod.loadTrustStore(trustDir);
  const runs = [];
  try {
    for (let i = 0; i < READ_RUNS; i++) {
      const card = await mod.createProfileCard('thu-ha');
      simulator.placeCard(card.card);
      const c = card.profile.citizen;
      const keys = mod.cccdAccessKeys({
        idNumber: c.idNumber,
        dateOfBirth: c.dateOfBirth,
        issueDate: c.issueDate,
      });
      const wire0 = simulator.stats.bytesIn + simulator.stats.bytesOut;
      const t0 = performance.now();
      const session = await reader.waitForCard(2_000);
      const secure = await mod.openSecureSession(session, keys);
      const tAuth = performance.now();
      const wireAuth = simulator.stats.bytesIn + simulator.stats.bytesOut;
      const files = await mod.readLdsFiles(secure, ['DG1', 'DG2', 'DG13', 'SOD']);
      const tRead = performance.now();
      const dataGroups = new Map([
        [1, files.DG1],
        [2, files.DG2],
        [13, files.DG13],
      ]);
      const pa = await mod.verifyPassiveAuth({ sod: files.SOD, dataGroups, trustStore });
      const tEnd = performance.now();
      const wireBytes = simulator.stats.bytesIn + simulator.stats.bytesOut - wire0;
      const reads = card.chip.history.filter((h) => h.ins === 0xb0);
      const readSizes = {};
      for (const r of reads)
        readSizes[`0x${r.ne.toString(16)}`] = (readSizes[`0x${r.ne.toString(16)}`] ?? 0) + 1;
      runs.push({
        access: secure.access,
        passiveAuth: pa.status,
        apdus: card.chip.history.length,
        wireBytes,
        readWireBytes: wireBytes - (wireAuth - wire0),
        payloadBytes: files.DG1.length + files.DG2.length + files.DG13.length + files.SOD.length,
        dg2Bytes: files.DG2.length,
        seconds: (tEnd - t0) / 1000,
        authSeconds: (tAuth - t0) / 1000,
        readSeconds: (tRead - tAuth) / 1000,
        passiveAuthSeconds: (tEnd - tRead) / 1000,
        readSizes,
      });
      await session.release();
    }
  } finally {
    await reader.close();
    simulator.detach();
  }
  return runs;
}

async function serviceRead(mod, trustDir) {
  const { transport, simulator } = await pacedPn532(mod);
  const reader = new mod.IcaoCardDocumentReader(new mod.Pn532IdCardReader(transport));
  const service = new mod.IdentityService({
    reader,
    interpreter: new mod.IcaoCardDocumentInterpreter(),
    trustDir,
  });
  const seconds = [];
  try {
    for (let i = 0; i < READ_RUNS; i++) {
      const card = await mod.createProfileCard('thu-ha');
      simulator.placeCard(card.card);
      const t0 = performance.now();
      const identity = await service.readCard({ key: { kind: 'qr', text: card.files.qrText } });
      seconds.push((performance.now() - t0) / 1000);
      if (identity.passiveAuth.status !== 'verified') throw new Error('bench read not verified');
    }
  } finally {
    await service.close();
    simulator.detach();
  }
  return seconds;
}

/** A camera-like 1280×720 RGBA frame: grey background, the card's QR at 5 px per module. */
async function qrFrame(text) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const scale = 5;
  const { width, height } = FRAME;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = 150 + ((i * 2654435761) >>> 28); // mottled grey, like a desk under a camera
    rgba.set([v, v, v, 255], i * 4);
  }
  const x0 = 700;
  const y0 = 180;
  const quiet = 4 * scale;
  for (let y = -quiet; y < size * scale + quiet; y++) {
    for (let x = -quiet; x < size * scale + quiet; x++) {
      const mx = Math.floor(x / scale);
      const my = Math.floor(y / scale);
      const inside = mx >= 0 && my >= 0 && mx < size && my < size;
      const dark = inside && qr.modules.get(my, mx);
      const v = dark ? 30 : 235;
      rgba.set([v, v, v, 255], ((y0 + y) * width + x0 + x) * 4);
    }
  }
  return { rgba, version: qr.version, modules: size };
}

function decodeFrame(rgba, reader) {
  const { width, height } = FRAME;
  const luminance = new Uint8ClampedArray(width * height);
  for (let i = 0, j = 0; i < luminance.length; i++, j += 4) {
    luminance[i] = (rgba[j] * 299 + rgba[j + 1] * 587 + rgba[j + 2] * 114) / 1000;
  }
  const bitmap = new BinaryBitmap(
    new HybridBinarizer(new RGBLuminanceSource(luminance, width, height)),
  );
  return reader.decodeWithState(bitmap).getText();
}

async function qrBench(text) {
  const { rgba, version, modules } = await qrFrame(text);
  const reader = new MultiFormatReader();
  const hints = new Map([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE]],
    [DecodeHintType.CHARACTER_SET, 'UTF-8'],
  ]);
  reader.setHints(hints);
  for (let i = 0; i < 3; i++) decodeFrame(rgba, reader); // warm-up (JIT)
  const ms = [];
  for (let i = 0; i < QR_RUNS; i++) {
    const t0 = performance.now();
    const decoded = decodeFrame(rgba, reader);
    ms.push(performance.now() - t0);
    if (decoded !== text) throw new Error('QR decoded to different text');
  }
  return { ms, version, modules };
}

export async function run({ root }) {
  const { mod, cleanup } = await loadModules(root);
  const trustDir = mkdtempSync(path.join(os.tmpdir(), 'bench-identity-trust-'));
  try {
    writeFileSync(path.join(trustDir, 'csca.der'), await mod.trustedCscaDer());
    const runs = await chipRead(mod, trustDir);
    const service = await serviceRead(mod, trustDir);
    const qrText = (await mod.createProfileCard('thu-ha')).files.qrText;
    const qr = await qrBench(qrText);
    const pick = (key) => median(runs.map((r) => r[key]));
    const first = runs[0];
    const wireBytes = first.wireBytes;
    const floorSeconds = (wireBytes * 10) / BAUD;
    const seconds = pick('seconds');
    const readFloor = (first.readWireBytes * 10) / BAUD;
    const json = {
      // Other work on the machine inflates every figure: read them with this in mind.
      loadAverage1m: +os.loadavg()[0].toFixed(2),
      cpus: os.cpus().length,
      baud: BAUD,
      runs: READ_RUNS,
      files: 'DG1 + DG2 + DG13 + SOD, passive authentication included',
      access: first.access,
      passiveAuth: first.passiveAuth,
      apdus: first.apdus,
      wireBytes,
      payloadBytes: first.payloadBytes,
      dg2Bytes: first.dg2Bytes,
      efficiency: +(first.payloadBytes / wireBytes).toFixed(3),
      secondsMedian: +seconds.toFixed(3),
      floorSeconds: +floorSeconds.toFixed(3),
      secondsOverFloor: +(seconds / floorSeconds).toFixed(3),
      authSecondsMedian: +pick('authSeconds').toFixed(3),
      readSecondsMedian: +pick('readSeconds').toFixed(3),
      readFloorSeconds: +readFloor.toFixed(3),
      passiveAuthSecondsMedian: +pick('passiveAuthSeconds').toFixed(3),
      readBinarySizes: first.readSizes,
      serviceFullReadSecondsMedian: +median(service).toFixed(3),
      qrFrame: `${FRAME.width}x${FRAME.height}`,
      qrVersion: qr.version,
      qrRuns: QR_RUNS,
      qrDecodeMsMedian: +median(qr.ms).toFixed(2),
      qrDecodeMsSamples: qr.ms.map((m) => +m.toFixed(2)),
    };
    return {
      json,
      table: {
        'machine load (1 min) / CPUs': `${json.loadAverage1m} / ${json.cpus}`,
        'access / passive auth': `${json.access} / ${json.passiveAuth}`,
        APDUs: json.apdus,
        'wire bytes (both directions)': json.wireBytes,
        'payload bytes (DG1+DG2+DG13+SOD)': json.payloadBytes,
        efficiency: json.efficiency,
        'seconds (median)': json.secondsMedian,
        'floor seconds (wire × 10 / baud)': json.floorSeconds,
        'seconds / floor': json.secondsOverFloor,
        'of which PACE (s)': json.authSecondsMedian,
        'of which file reads (s) / their floor': `${json.readSecondsMedian} / ${json.readFloorSeconds}`,
        'of which passive auth (s)': json.passiveAuthSecondsMedian,
        'READ BINARY Le → count': JSON.stringify(json.readBinarySizes),
        'IdentityService full read (s, median)': json.serviceFullReadSecondsMedian,
        [`QR decode ${json.qrFrame}, v${json.qrVersion} (median ms)`]: json.qrDecodeMsMedian,
      },
    };
  } finally {
    rmSync(trustDir, { recursive: true, force: true });
    cleanup();
  }
}
