/*
 * What environment Wine gives a process started with an explicit environment block, as a caller with
 * `extendEnv: false` starts one: run with no argument, it starts itself with the argument "dump" through
 * CreateProcessW and the block "A=1" (nothing else); run with "dump", it prints its environment block
 * (GetEnvironmentStringsW), one variable a line. Windows would print A=1 alone; Wine 8 adds its own.
 *
 *   x86_64-w64-mingw32-gcc -municode -o wine-env.exe test-matrix/tools/wine-env.c && wine wine-env.exe
 */
#include <stdio.h>
#include <wchar.h>
#include <windows.h>

int wmain(int argc, wchar_t **argv) {
  if (argc > 1 && wcscmp(argv[1], L"dump") == 0) {
    WCHAR *block = GetEnvironmentStringsW();
    for (WCHAR *p = block; *p; p += wcslen(p) + 1) wprintf(L"%ls\n", p);
    return 0;
  }
  WCHAR self[MAX_PATH];
  GetModuleFileNameW(NULL, self, MAX_PATH);
  WCHAR command[MAX_PATH + 16];
  swprintf(command, MAX_PATH + 16, L"\"%ls\" dump", self);
  WCHAR env[] = L"A=1\0";
  STARTUPINFOW si = {sizeof si};
  PROCESS_INFORMATION pi;
  if (!CreateProcessW(self, command, NULL, NULL, TRUE, CREATE_UNICODE_ENVIRONMENT, env, NULL, &si, &pi)) {
    wprintf(L"CreateProcessW failed: %lu\n", GetLastError());
    return 1;
  }
  WaitForSingleObject(pi.hProcess, INFINITE);
  return 0;
}
