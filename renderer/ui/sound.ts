/**
 * Plays recorded clips (resources/sounds, served under ./sounds/) one after another. Every call
 * is queued behind the previous one, so announcements never overlap.
 */
let chain: Promise<void> = Promise.resolve();

function playOne(name: string): Promise<void> {
  return new Promise((resolve) => {
    const audio = new Audio(`./sounds/${name}.ogg`);
    const done = () => resolve();
    audio.addEventListener('ended', done, { once: true });
    audio.addEventListener('error', done, { once: true });
    // A clip that never ends (device muted, autoplay refused) must not block the queue.
    setTimeout(done, 8000);
    audio.play().catch(done);
  });
}

export function playClips(names: readonly string[]): Promise<void> {
  const run = chain.then(async () => {
    for (const n of names) await playOne(n);
  });
  chain = run.catch(() => undefined);
  return run;
}

/** Clips for "Mời công dân có số thứ tự A012 đến quầy số 3". */
export function announcementClips(label: string, counterNumber: number): string[] {
  const clips = ['chime', 'vi/moi-cong-dan'];
  for (const ch of label) clips.push(/\d/.test(ch) ? `vi/digit-${ch}` : `vi/letter-${ch}`);
  clips.push('vi/den-quay-so');
  if (counterNumber <= 40) clips.push(`vi/number-${counterNumber}`);
  else for (const ch of String(counterNumber)) clips.push(`vi/digit-${ch}`);
  return clips;
}
