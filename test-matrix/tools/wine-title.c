/*
 * The "Assertion failed: process_title, file c:\ws\deps\uv\src\win\util.c, line 412" (exit code 0xC0000409) that a
 * Node for Windows process started with windowsHide can end with under Wine, shown without a runtime: build with
 *   x86_64-w64-mingw32-gcc -municode -O2 -o wine-title.exe wine-title.c
 * and run `wine wine-title.exe [COUNT] [THREADS] [TITLE]` (default 200 and 4, no title). It starts itself COUNT
 * times with the argument "child", THREADS at a time, through CreateProcessW with what libuv passes for a child with
 * windowsHide and its stdio redirected (inherited handles, CREATE_UNICODE_ENVIRONMENT | CREATE_NO_WINDOW), with
 * STARTUPINFO.lpTitle set to TITLE when one is given. Each child sets its last error to 0, calls
 * GetConsoleTitleW(buffer, 1024) and reports what it returned, GetLastError() and the length of what it wrote; then
 * the counts are printed (exit code 1 when a child got no title).
 *
 * Windows gives a process started with CREATE_NO_WINDOW a new console without a window, whose title is lpTitle or,
 * without one, the executable's name (STARTUPINFO's documentation), so GetConsoleTitleW returns its length. Under
 * Wine 8 (Debian's 8.0~repack-4, in the lanes' prefix, with and without `setarch x86_64 -R`) every child's console
 * has an empty title, lpTitle or not: GetConsoleTitleW writes an empty string, returns 0 and leaves the last error
 * as it was (200 of 200 children, twice, and 8 of 8 with a TITLE).
 *
 * libuv 1.51.0 (Node 22.23.3) reads the title on the first uv_get_process_title:
 *   wlen = GetConsoleTitleW(title_w, ...); if (wlen == 0) return uv_translate_sys_error(GetLastError());
 * and uv_translate_sys_error(0) is 0, so when the calling thread's last error happens to be 0, a 0 from
 * GetConsoleTitleW is taken for success, process_title stays NULL, and the assert(process_title) after it aborts
 * the process. Node asks for the title for `process.title`, and for the "title[pid]" that starts its own fatal
 * messages (a failed CHECK).
 * With the empty title Wine gives, that abort happens whenever the stale last error is 0: a node.exe under Wine
 * that started `node.exe --input-type=module -` as toProcess starts a worker (windowsHide, stdio piped, no
 * anyproc), with `process.stdout.write(process.title)` on its stdin, saw it 1 time in 40 and 1 in 400 (4 at a
 * time) and 1 in 200 (one at a time); the other starts printed "node" (libuv's error, Node's default). 300 starts
 * of a script that did not read the title all exited 0. This program has not been run on Windows.
 */
#include <stdio.h>
#include <wchar.h>
#include <windows.h>

static LONG next, total, titled, empty_no_error, empty_error, not_started;
static WCHAR self[MAX_PATH];
static WCHAR *given_title;

/* The child: GetConsoleTitleW with the last error set to 0, reported on stdout; exit code 1 for "0 and no error". */
static int child(void) {
  static WCHAR title[1024];
  for (int k = 0; k < 1024; k++) title[k] = 0xFFFF;
  SetLastError(0);
  DWORD length = GetConsoleTitleW(title, 1024);
  DWORD error = GetLastError();
  int written = title[0] == 0xFFFF ? -1 : (int)wcsnlen(title, 1024);
  char line[2300];
  int n = snprintf(line, 200, "GetConsoleTitleW returned %lu, last error %lu, wrote %d characters: \"",
                   (unsigned long)length, (unsigned long)error, written);
  if (written > 0) n += WideCharToMultiByte(CP_UTF8, 0, title, written, line + n, 2000, NULL, NULL);
  n += snprintf(line + n, 8, "\"\n");
  DWORD done;
  WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), line, n, &done, NULL);
  return length != 0 ? 0 : error == 0 ? 1 : 2;
}

static DWORD WINAPI spawner(void *unused) {
  (void)unused;
  SECURITY_ATTRIBUTES inherit = {sizeof inherit, NULL, TRUE};
  for (LONG i; (i = InterlockedIncrement(&next)) <= total;) {
    HANDLE read_end, write_end;
    CreatePipe(&read_end, &write_end, &inherit, 65536);
    SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);
    HANDLE in = CreateFileW(L"NUL", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit, OPEN_EXISTING, 0, NULL);
    STARTUPINFOW si = {sizeof si};
    si.dwFlags = STARTF_USESTDHANDLES | STARTF_USESHOWWINDOW;
    si.wShowWindow = SW_HIDE;
    si.lpTitle = given_title;
    si.hStdInput = in;
    si.hStdOutput = write_end;
    si.hStdError = write_end;
    WCHAR command[MAX_PATH + 16];
    swprintf(command, MAX_PATH + 16, L"\"%ls\" child", self);
    PROCESS_INFORMATION pi;
    BOOL started = CreateProcessW(self, command, NULL, NULL, TRUE, CREATE_UNICODE_ENVIRONMENT | CREATE_NO_WINDOW, NULL,
                                  NULL, &si, &pi);
    DWORD start_error = GetLastError();
    CloseHandle(write_end);
    CloseHandle(in);
    if (!started) {
      InterlockedIncrement(&not_started);
      printf("child %ld: CreateProcessW failed: %lu\n", i, (unsigned long)start_error);
      fflush(stdout);
      CloseHandle(read_end);
      continue;
    }
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 3;
    GetExitCodeProcess(pi.hProcess, &code);
    char line[2300];
    DWORD got = 0;
    ReadFile(read_end, line, sizeof line - 1, &got, NULL);
    line[got] = 0;
    InterlockedIncrement(code == 0 ? &titled : code == 1 ? &empty_no_error : &empty_error);
    if (i <= 3 || code > 1) {
      printf("child %ld: %s", i, got ? line : "no report\n");
      fflush(stdout);
    }
    CloseHandle(read_end);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
  }
  return 0;
}

int wmain(int argc, wchar_t **argv) {
  if (argc > 1 && wcscmp(argv[1], L"child") == 0) return child();
  total = argc > 1 ? _wtoi(argv[1]) : 200;
  int threads = argc > 2 ? _wtoi(argv[2]) : 4;
  given_title = argc > 3 ? argv[3] : NULL;
  if (total < 1 || threads < 1 || threads > MAXIMUM_WAIT_OBJECTS) {
    fwprintf(stderr, L"usage: wine-title.exe [COUNT] [THREADS (1-%d)] [TITLE]\n", MAXIMUM_WAIT_OBJECTS);
    return 2;
  }
  GetModuleFileNameW(NULL, self, MAX_PATH);
  HANDLE workers[MAXIMUM_WAIT_OBJECTS];
  for (int k = 0; k < threads; k++) workers[k] = CreateThread(NULL, 0, spawner, NULL, 0, NULL);
  WaitForMultipleObjects(threads, workers, TRUE, INFINITE);
  printf("%ld children: %ld got a title, %ld got 0 with no error (an empty title), %ld got 0 with an error, "
         "%ld not started\n",
         total, titled, empty_no_error, empty_error, not_started);
  return empty_no_error + empty_error != 0;
}
