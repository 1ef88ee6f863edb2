// About 1 GB of live JavaScript heap in ordinary heap pages: 128 Ki arrays of 1000 doubles (8 kB each), as
// an application's many small objects are. A fork() copies the page tables of every mapped page, which is
// what makes Node's spawn cost grow with the heap (one huge array would sit in transparent huge pages).

const ARRAYS = 128 * 1024;
const LENGTH = 1000;
const held = [];

/** Allocates the ballast (once) and returns the bytes it holds. */
export function allocateBallast() {
  while (held.length < ARRAYS) {
    const array = new Array(LENGTH);
    for (let i = 0; i < LENGTH; i++) array[i] = i + 0.5;
    held.push(array);
  }
  return ARRAYS * LENGTH * 8;
}
