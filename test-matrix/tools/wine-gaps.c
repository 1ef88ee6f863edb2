/*
 * The three Wine 8 faults that the bun-windows lane meets, shown without Bun: build with
 *   x86_64-w64-mingw32-gcc -municode -o wine-gaps.exe wine-gaps.c -lntdll
 * and run `wine wine-gaps.exe 'Z:\some\folder'`. Each check makes what it needs in the folder, asks the same
 * of Windows as Bun does, and prints the NTSTATUS or the Win32 error; 0 is success, which is what Windows
 * documents for all five (FileDispositionInformationEx on NTFS from Windows 10 1709, SaferiIsExecutableFileType
 * from Windows XP); this program has not been run on Windows.
 *
 * 1. Bun opens package.json and tsconfig.json through the NT path of their folder, from
 *    GetFinalPathNameByHandleW(VOLUME_NAME_NT): `\Device\HarddiskVolumeN\...`. Wine returns such a path and
 *    cannot open it (0xc0000034, STATUS_OBJECT_NAME_NOT_FOUND), while the `\??\Z:\...` path of the same file
 *    opens: Bun then prints "Internal error: directory mismatch" and opens the file by its DOS path.
 * 2. Bun's recursive rm deletes each entry with FileDispositionInformationEx (class 64, POSIX semantics).
 *    Wine 8 does not implement that class (0xc0000002, STATUS_NOT_IMPLEMENTED, with "fixme:file:NtSetInformationFile
 *    Unsupported class (64)" under WINEDEBUG=fixme+file); FileDispositionInformation (class 13) works. Bun
 *    reports the failure as EFAULT.
 * 3. Bun, run on a script read from stdin (`bun.exe -`) with NODE or npm_node_execpath set, calls advapi32's
 *    SaferiIsExecutableFileType, which it imports delay-loaded. Wine 8's advapi32 does not export it:
 *    GetProcAddress fails with 127 (ERROR_PROC_NOT_FOUND), so Bun's delay-load helper raises 0xc06d007f, which
 *    nothing handles, and the process ends with exit code 127 before it runs the script.
 */
#include <stdio.h>
#include <windows.h>
#include <winternl.h>

#define FILE_DISPOSITION_INFORMATION_CLASS 13
#define FILE_DISPOSITION_INFORMATION_EX_CLASS 64
#define FILE_DISPOSITION_DELETE 0x1
#define FILE_DISPOSITION_POSIX_SEMANTICS 0x2

static NTSTATUS open_nt(const wchar_t *path) {
  UNICODE_STRING name;
  OBJECT_ATTRIBUTES attr;
  IO_STATUS_BLOCK io;
  HANDLE file;
  RtlInitUnicodeString(&name, path);
  InitializeObjectAttributes(&attr, &name, OBJ_CASE_INSENSITIVE, NULL, NULL);
  NTSTATUS status = NtCreateFile(&file, GENERIC_READ | SYNCHRONIZE, &attr, &io, NULL, FILE_ATTRIBUTE_NORMAL,
                                 FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, FILE_OPEN,
                                 FILE_NON_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT, NULL, 0);
  if (status == 0) CloseHandle(file);
  return status;
}

static NTSTATUS delete_folder(const wchar_t *path, int info_class) {
  if (!CreateDirectoryW(path, NULL)) return (NTSTATUS)-1;
  HANDLE dir = CreateFileW(path, DELETE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
                           FILE_FLAG_BACKUP_SEMANTICS, NULL);
  if (dir == INVALID_HANDLE_VALUE) return (NTSTATUS)-1;
  IO_STATUS_BLOCK io;
  ULONG flags = FILE_DISPOSITION_DELETE | FILE_DISPOSITION_POSIX_SEMANTICS;
  BOOLEAN delete_file = TRUE;
  NTSTATUS status = info_class == FILE_DISPOSITION_INFORMATION_EX_CLASS
                        ? NtSetInformationFile(dir, &io, &flags, sizeof flags, (FILE_INFORMATION_CLASS)info_class)
                        : NtSetInformationFile(dir, &io, &delete_file, sizeof delete_file, (FILE_INFORMATION_CLASS)info_class);
  CloseHandle(dir);
  if (status != 0) RemoveDirectoryW(path);
  return status;
}

int wmain(int argc, wchar_t **argv) {
  if (argc != 2) {
    fwprintf(stderr, L"usage: wine-gaps.exe FOLDER\n");
    return 2;
  }
  wchar_t path[MAX_PATH], nt[MAX_PATH];
  swprintf(path, MAX_PATH, L"%ls\\package.json", argv[1]);
  HANDLE made = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
  if (made == INVALID_HANDLE_VALUE) return 3;
  CloseHandle(made);
  HANDLE dir = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
  if (dir == INVALID_HANDLE_VALUE || !GetFinalPathNameByHandleW(dir, nt, MAX_PATH, VOLUME_NAME_NT)) return 3;
  CloseHandle(dir);
  swprintf(path, MAX_PATH, L"%ls\\package.json", nt);
  wprintf(L"open %ls (the folder's VOLUME_NAME_NT path): 0x%08lx\n", path, (unsigned long)open_nt(path));
  swprintf(path, MAX_PATH, L"\\??\\%ls\\package.json", argv[1]);
  wprintf(L"open %ls (its DOS path): 0x%08lx\n", path, (unsigned long)open_nt(path));
  swprintf(path, MAX_PATH, L"%ls\\package.json", argv[1]);
  DeleteFileW(path);
  swprintf(path, MAX_PATH, L"%ls\\empty", argv[1]);
  wprintf(L"delete %ls with FileDispositionInformationEx: 0x%08lx\n", path,
          (unsigned long)delete_folder(path, FILE_DISPOSITION_INFORMATION_EX_CLASS));
  wprintf(L"delete %ls with FileDispositionInformation: 0x%08lx\n", path,
          (unsigned long)delete_folder(path, FILE_DISPOSITION_INFORMATION_CLASS));
  HMODULE advapi32 = LoadLibraryW(L"advapi32.dll");
  if (advapi32 == NULL) return 3;
  FARPROC safer = GetProcAddress(advapi32, "SaferiIsExecutableFileType");
  wprintf(L"GetProcAddress(advapi32.dll, SaferiIsExecutableFileType): %lu\n", safer ? 0ul : (unsigned long)GetLastError());
  return 0;
}
