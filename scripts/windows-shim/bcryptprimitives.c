/* A stand-in for Windows' bcryptprimitives.dll, for running chitieu's
 * Windows build under Wine in tests only; it is never shipped.
 *
 * Rust's standard library takes its random numbers (HashMap keys) from
 * ProcessPrng in bcryptprimitives.dll, which Windows 10 and later have and
 * Debian's Wine 8.0 does not. This DLL exports that one function and fills
 * the buffer from BCryptGenRandom (bcrypt.dll), which Wine has. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) {
            return FALSE;
        }
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
