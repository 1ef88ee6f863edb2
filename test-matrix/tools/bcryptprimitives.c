// bcryptprimitives.dll for Wine 8.0, which lacks it: Rust's standard library (Bun and Deno for Windows) calls its
// ProcessPrng at start. This one fills the buffer from advapi32's SystemFunction036 (RtlGenRandom), which Wine has.
// lib/wine.mjs builds it with MinGW into .cache/ and puts it in the Wine prefix's system32. Test infrastructure,
// never part of a published package.
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
    if (!SystemFunction036(data, chunk)) return FALSE;
    data += chunk; length -= chunk;
  }
  return TRUE;
}
