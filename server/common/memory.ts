// Memory the C heap keeps after a burst. glibc's malloc does not give freed memory in the middle of its heap
// back to the OS: after a busy hour (twenty kiosks' and phones' requests at once, SQLite pages, compiler
// zones) a third of the heap stayed resident though free (issue 26: RSS after a 10,000-ticket day).
// malloc_trim(0) releases those free pages; the day roll-over's housekeeping calls it once a minute. Through
// koffi, which the server already loads for the ID-card library and the handwriting engine. Where the C
// library is not glibc (no malloc_trim), nothing happens.
import koffi from 'koffi';

let mallocTrim: ((pad: number) => number) | null | undefined;

/**
 * Give the C heap's free pages back to the OS: 'released' when some were, 'nothing' when none were free,
 * 'unavailable' where the C library has no malloc_trim.
 */
export function returnFreedMemory(): 'released' | 'nothing' | 'unavailable' {
  if (mallocTrim === undefined) {
    try {
      mallocTrim = koffi.load('libc.so.6').func('int malloc_trim(size_t pad)') as (pad: number) => number;
    } catch {
      mallocTrim = null;
    }
  }
  if (!mallocTrim) return 'unavailable';
  return mallocTrim(0) === 1 ? 'released' : 'nothing';
}
