/*
 * The `spawn UNKNOWN` (uv_spawn EUNKNOWN, errno -4094) that the Windows lanes meet now and then, shown without a
 * runtime: build with
 *   x86_64-w64-mingw32-gcc -municode -O2 -o wine-spawn.exe wine-spawn.c
 * and run `WINEDEBUG=err+all wine wine-spawn.exe [COUNT] [THREADS]` (default 4000 and 16). It starts itself COUNT
 * times with the argument "child" (which exits at once), THREADS at a time, through CreateProcessW with what libuv
 * passes for a child with windowsHide and its stdio redirected (inherited handles, CREATE_UNICODE_ENVIRONMENT |
 * CREATE_NO_WINDOW), and prints the Win32 error of each CreateProcessW that fails, then the counts.
 *
 * Under Wine 8 a process start fails now and then (here about one in 4,000, with one such loop alone or two at
 * once; each child is two starts, itself and the conhost.exe Wine starts for it): the new process dies before it
 * has started, after printing
 * "err:virtual:virtual_alloc_first_teb wine: failed to map the shared user data: c0000018"
 * (STATUS_CONFLICTING_ADDRESSES: the page at 0x7ffe0000 is already taken in its address space), and
 * CreateProcessW returns FALSE with GetLastError() 1359, ERROR_INTERNAL_ERROR (ntdll's NtCreateUserProcess
 * returns STATUS_INTERNAL_ERROR for a process that ended before it was initialised). libuv's
 * uv_translate_sys_error does not map 1359, so uv_spawn returns UV_UNKNOWN. Neither the executable nor its
 * argv matters. The same failure can hit the conhost.exe that Wine starts for each console child: the child
 * then prints "Can't allocate console" and runs, and CreateProcessW succeeds, so a run may print the line above
 * and count no failure. With address-space randomisation off (`setarch x86_64 -R wine wine-spawn.exe`), 12,000
 * children here (24,000 starts) showed none. Windows has no such failure; this program has not been run on Windows.
 */
#include <stdio.h>
#include <wchar.h>
#include <windows.h>

static LONG next, total, started, failed;
static WCHAR self[MAX_PATH];

static DWORD WINAPI spawner(void *unused) {
  (void)unused;
  SECURITY_ATTRIBUTES inherit = {sizeof inherit, NULL, TRUE};
  for (LONG i; (i = InterlockedIncrement(&next)) <= total;) {
    DWORD share = FILE_SHARE_READ | FILE_SHARE_WRITE;
    HANDLE in = CreateFileW(L"NUL", GENERIC_READ, share, &inherit, OPEN_EXISTING, 0, NULL);
    HANDLE out = CreateFileW(L"NUL", GENERIC_WRITE, share, &inherit, OPEN_EXISTING, 0, NULL);
    STARTUPINFOW si = {sizeof si};
    si.dwFlags = STARTF_USESTDHANDLES | STARTF_USESHOWWINDOW;
    si.wShowWindow = SW_HIDE;
    si.hStdInput = in;
    si.hStdOutput = out;
    si.hStdError = out;
    WCHAR command[MAX_PATH + 16];
    swprintf(command, MAX_PATH + 16, L"\"%ls\" child", self);
    PROCESS_INFORMATION pi;
    if (CreateProcessW(self, command, NULL, NULL, TRUE, CREATE_UNICODE_ENVIRONMENT | CREATE_NO_WINDOW, NULL, NULL, &si,
                       &pi)) {
      InterlockedIncrement(&started);
      WaitForSingleObject(pi.hProcess, INFINITE);
      CloseHandle(pi.hProcess);
      CloseHandle(pi.hThread);
    } else {
      DWORD error = GetLastError();
      InterlockedIncrement(&failed);
      wprintf(L"start %ld: CreateProcessW failed: %lu\n", i, (unsigned long)error);
      fflush(stdout);
    }
    CloseHandle(in);
    CloseHandle(out);
  }
  return 0;
}

int wmain(int argc, wchar_t **argv) {
  if (argc > 1 && wcscmp(argv[1], L"child") == 0) return 0;
  total = argc > 1 ? _wtoi(argv[1]) : 4000;
  int threads = argc > 2 ? _wtoi(argv[2]) : 16;
  if (total < 1 || threads < 1 || threads > MAXIMUM_WAIT_OBJECTS) {
    fwprintf(stderr, L"usage: wine-spawn.exe [COUNT] [THREADS (1-%d)]\n", MAXIMUM_WAIT_OBJECTS);
    return 2;
  }
  GetModuleFileNameW(NULL, self, MAX_PATH);
  HANDLE workers[MAXIMUM_WAIT_OBJECTS];
  for (int k = 0; k < threads; k++) workers[k] = CreateThread(NULL, 0, spawner, NULL, 0, NULL);
  WaitForMultipleObjects(threads, workers, TRUE, INFINITE);
  wprintf(L"%ld CreateProcessW calls, %ld failed\n", started + failed, failed);
  return failed != 0;
}
