/**
 * Uploaded files between the report and the confirmation, kept in this process's memory for a
 * short while under a random id, for the person who uploaded them only. Confirming takes the file
 * out (a second click cannot import twice) and checks its SHA-256 against the reviewed report.
 * A restart, or a second server instance, forgets them: the officer is asked to upload again.
 */
import { randomBytes } from 'node:crypto';
import type { UploadFormat } from './import.foreign.ts';

interface Pending {
  accountId: number;
  bytes: Buffer;
  filename: string | null;
  sha256: string;
  /** What the file was checked as; the confirmation reads it the same way. */
  format: UploadFormat;
  at: number;
}

const TTL_MS = 30 * 60_000;
const MAX_PER_ACCOUNT = 3;
const MAX_TOTAL_BYTES = 200 * 1024 * 1024;

export class PendingImports {
  private readonly items = new Map<string, Pending>();

  constructor(private readonly now: () => number = Date.now) {}

  put(accountId: number, file: { bytes: Buffer; filename: string | null; sha256: string; format: UploadFormat }): string {
    this.sweep();
    const mine = [...this.items].filter(([, p]) => p.accountId === accountId);
    for (const [id] of mine.slice(0, Math.max(0, mine.length - MAX_PER_ACCOUNT + 1))) this.items.delete(id);
    let total = [...this.items.values()].reduce((n, p) => n + p.bytes.length, 0) + file.bytes.length;
    for (const [id, p] of this.items) {
      if (total <= MAX_TOTAL_BYTES) break;
      this.items.delete(id); // oldest first (insertion order)
      total -= p.bytes.length;
    }
    const id = randomBytes(18).toString('base64url');
    this.items.set(id, { accountId, ...file, at: this.now() });
    return id;
  }

  /** The file, once: only for its uploader, only while fresh, only if it is the reviewed one. */
  take(id: string, accountId: number, sha256: string): Pending | undefined {
    this.sweep();
    const p = this.items.get(id);
    if (!p || p.accountId !== accountId || p.sha256 !== sha256) return undefined;
    this.items.delete(id);
    return p;
  }

  private sweep() {
    const limit = this.now() - TTL_MS;
    for (const [id, p] of this.items) if (p.at < limit) this.items.delete(id);
  }
}
