/*
 * How Wine 8's cmd.exe runs batch files, with no runtime and no anyproc in between. Run with no argument, it
 * writes, in a folder of its own under %TEMP%:
 *
 * - three scripts of a few lines, each run with `cmd.exe /d /c <script>`, whose output it prints beside what
 *   Windows prints: `rescan.cmd` (`set "A=%%PATH%%"`, then `echo [%A%]`: Windows prints `[%PATH%]`, since cmd.exe
 *   expands a line's `%` once, never what it put there), `goto.cmd` (npm's shim's last line, `endLocal & goto
 *   #_undefined_# 2>NUL || echo ...`: Windows runs what follows `||`) and `block.cmd` (`@IF EXIST ... ( ... )
 *   ELSE ( ... )`, as pnpm's shim: Windows echoes no line of a block whose command starts with `@`);
 * - `plain.cmd` (`@"<itself>" print %*`), `node_modules\.bin\npm.cmd` and `node_modules\.bin\pnpm.cmd` (npm's and
 *   pnpm's shims, run `<itself> print`), and runs each with each argument below as anyproc runs a batch file
 *   (packages/core/src/_windows.ts): `cmd.exe /d /e:ON /v:OFF /s /c ""<file>" <argument>"`, the argument in
 *   double quotes with each `"` doubled, the backslashes before a `"` doubled, and each `%` written `%%cd:~,%`.
 *   It prints `ok` or `BAD`, the argument, what the program read (its C runtime's argv) and its command line, after
 *   anything cmd.exe wrote before it (`ok` only when that is nothing and the program read the argument unchanged).
 *
 * Run with "print", it writes its command line, then each argument from the second on, in UTF-8, each followed by
 * a NUL.
 *
 *   x86_64-w64-mingw32-gcc -municode -O2 -o wine-batch.exe test-matrix/tools/wine-batch.c && wine wine-batch.exe
 */
#include <stdio.h>
#include <wchar.h>
#include <windows.h>

static const wchar_t *ARGS[] = {
    L"a b", L"\"", L"!", L"^", L"&", L"|", L"<", L">", L"(", L")", L"", L"trailing\\", L"back\\\"quote",
    L"\"a&b\"", L"\u00e9 \u2603", L"%", L"%PATH%", L"100%",
};

/** Appends `arg` as anyproc writes an argument of a batch file (core's quoteForBatch, always quoted here). */
static void quote_for_batch(wchar_t *out, const wchar_t *arg) {
  size_t n = wcslen(out), backslashes = 0;
  out[n++] = L'"';
  for (const wchar_t *c = arg; *c; c++) {
    if (*c == L'\\') {
      backslashes++;
      out[n++] = *c;
      continue;
    }
    if (*c == L'"') {
      while (backslashes--) out[n++] = L'\\';
      out[n++] = L'"';
    } else if (*c == L'%') {
      wcscpy(out + n, L"%%cd:~,");
      n += 7;
    }
    out[n++] = *c;
    backslashes = 0;
  }
  while (backslashes--) out[n++] = L'\\';
  out[n++] = L'"';
  out[n] = 0;
}

/** Writes `text` to the file `path` as it is. */
static void write_file(const wchar_t *path, const char *text) {
  FILE *file = _wfopen(path, L"wb");
  fputs(text, file);
  fclose(file);
}

/** Runs `%ComSpec% <flags> <line>` with stdout to a pipe; returns what it wrote, its length in bytes in `size`. */
static char *run(const wchar_t *flags, const wchar_t *line, DWORD *size) {
  static wchar_t command[16384];
  static char buffer[65536];
  wchar_t comspec[MAX_PATH];
  GetEnvironmentVariableW(L"ComSpec", comspec, MAX_PATH);
  swprintf(command, 16384, L"\"%ls\" %ls %ls", comspec, flags, line);
  SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
  HANDLE read_end, write_end;
  CreatePipe(&read_end, &write_end, &sa, 0);
  SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);
  STARTUPINFOW si = {sizeof si};
  si.dwFlags = STARTF_USESTDHANDLES;
  si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
  si.hStdOutput = write_end;
  si.hStdError = write_end;
  PROCESS_INFORMATION pi;
  if (!CreateProcessW(comspec, command, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
    printf("CreateProcessW failed: %lu\n", GetLastError());
    ExitProcess(1);
  }
  CloseHandle(write_end);
  DWORD total = 0, got;
  while (ReadFile(read_end, buffer + total, sizeof buffer - 2 - total, &got, NULL) && got) total += got;
  buffer[total] = buffer[total + 1] = 0;
  WaitForSingleObject(pi.hProcess, INFINITE);
  CloseHandle(read_end);
  CloseHandle(pi.hProcess);
  CloseHandle(pi.hThread);
  *size = total;
  return buffer;
}

/** Prints `text` in UTF-8, between brackets. */
static void show(const wchar_t *text) {
  char utf8[16384];
  WideCharToMultiByte(CP_UTF8, 0, text, -1, utf8, sizeof utf8, NULL, NULL);
  printf("[%s]", utf8);
}

/** Writes the script `name` with `text` in `dir`, runs it with `cmd.exe /d /c`, and prints its output and Windows'. */
static void minimal(const wchar_t *dir, const wchar_t *name, const char *text, const char *windows) {
  wchar_t path[MAX_PATH], line[MAX_PATH + 2];
  swprintf(path, MAX_PATH, L"%ls\\%ls", dir, name);
  write_file(path, text);
  swprintf(line, MAX_PATH + 2, L"\"%ls\"", path);
  DWORD size;
  char *out = run(L"/d /c", line, &size);
  printf("%ls:\n%s  -- Windows prints:\n%s\n", name, out, windows);
}

int wmain(int argc, wchar_t **argv) {
  if (argc > 1 && wcscmp(argv[1], L"print") == 0) {
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    DWORD written;
    char utf8[16384];
    for (int i = 0; i < argc; i = i ? i + 1 : 2) {
      int n = WideCharToMultiByte(CP_UTF8, 0, i ? argv[i] : GetCommandLineW(), -1, utf8, sizeof utf8, NULL, NULL);
      WriteFile(out, utf8, n, &written, NULL);
    }
    return 0;
  }
  wchar_t self[MAX_PATH], dir[MAX_PATH], path[MAX_PATH];
  char text[4096], self_ansi[MAX_PATH];
  GetModuleFileNameW(NULL, self, MAX_PATH);
  WideCharToMultiByte(CP_ACP, 0, self, -1, self_ansi, sizeof self_ansi, NULL, NULL);
  GetTempPathW(MAX_PATH, dir);
  swprintf(dir + wcslen(dir), MAX_PATH, L"wine-batch-%lu", GetCurrentProcessId());
  CreateDirectoryW(dir, NULL);

  minimal(dir, L"rescan.cmd", "@set \"A=%%PATH%%\"\r\n@echo [%A%]\r\n", "[%PATH%]");
  minimal(dir, L"goto.cmd", "@ECHO off\r\nSETLOCAL\r\nendLocal & goto #_undefined_# 2>NUL || echo ran what follows ||\r\n",
          "ran what follows ||");
  minimal(dir, L"block.cmd", "@IF EXIST \"%~dp0\\nothing.exe\" (\r\n  echo yes\r\n) ELSE (\r\n  echo no\r\n)\r\n", "no");

  swprintf(path, MAX_PATH, L"%ls\\plain.cmd", dir);
  snprintf(text, sizeof text, "@\"%s\" print %%*\r\n", self_ansi);
  write_file(path, text);
  swprintf(path, MAX_PATH, L"%ls\\node_modules", dir);
  CreateDirectoryW(path, NULL);
  swprintf(path, MAX_PATH, L"%ls\\node_modules\\.bin", dir);
  CreateDirectoryW(path, NULL);
  swprintf(path, MAX_PATH, L"%ls\\node_modules\\.bin\\npm.cmd", dir);
  snprintf(text, sizeof text,
           "@ECHO off\r\nGOTO start\r\n:find_dp0\r\nSET dp0=%%~dp0\r\nEXIT /b\r\n:start\r\nSETLOCAL\r\nCALL :find_dp0\r\n\r\n"
           "IF EXIST \"%%dp0%%\\node.exe\" (\r\n  SET \"_prog=%%dp0%%\\node.exe\"\r\n) ELSE (\r\n  SET \"_prog=%s\"\r\n"
           "  SET PATHEXT=%%PATHEXT:;.JS;=;%%\r\n)\r\n\r\n"
           "endLocal & goto #_undefined_# 2>NUL || title %%COMSPEC%% & \"%%_prog%%\"  print %%*\r\n",
           self_ansi);
  write_file(path, text);
  swprintf(path, MAX_PATH, L"%ls\\node_modules\\.bin\\pnpm.cmd", dir);
  snprintf(text, sizeof text,
           "@SETLOCAL\r\n@IF EXIST \"%%~dp0\\node.exe\" (\r\n  \"%%~dp0\\node.exe\"  print %%*\r\n) ELSE (\r\n"
           "  @SET PATHEXT=%%PATHEXT:;.JS;=;%%\r\n  \"%s\"  print %%*\r\n)\r\n",
           self_ansi);
  write_file(path, text);

  static const wchar_t *SCRIPTS[] = {L"plain.cmd", L"node_modules\\.bin\\npm.cmd", L"node_modules\\.bin\\pnpm.cmd"};
  int bad = 0, total = 0;
  for (size_t s = 0; s < sizeof SCRIPTS / sizeof *SCRIPTS; s++) {
    for (size_t i = 0; i < sizeof ARGS / sizeof *ARGS; i++) {
      static wchar_t line[8192];
      swprintf(line, 8192, L"\"\"%ls\\%ls\" ", dir, SCRIPTS[s]);
      quote_for_batch(line, ARGS[i]);
      wcscat(line, L"\"");
      DWORD size;
      char *bytes = run(L"/d /e:ON /v:OFF /s /c", line, &size);
      static wchar_t out[32768];
      size = MultiByteToWideChar(CP_UTF8, 0, bytes, size, out, 32767);
      out[size] = 0;
      wchar_t *first = size > wcslen(out) + 1 ? out + wcslen(out) + 1 : NULL;
      // The program's command line comes first, and nothing before it (cmd.exe echoing a line of the script).
      int ok = out[0] == L'"' && first != NULL && first + wcslen(first) + 1 == out + size && wcscmp(first, ARGS[i]) == 0;
      bad += !ok;
      total++;
      printf("%s %ls ", ok ? "ok " : "BAD", SCRIPTS[s]);
      show(ARGS[i]);
      printf(" read ");
      if (first == NULL) printf("nothing");
      for (wchar_t *arg = first; arg && arg < out + size; arg += wcslen(arg) + 1) show(arg);
      printf(" from ");
      show(size ? out : L"");
      printf("\n");
    }
  }
  printf("%d of %d arguments arrived changed\n", bad, total);
  return bad != 0;
}
