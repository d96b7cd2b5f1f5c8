#ifndef TOOLGATE_CLIBCRYPTO_SHIM_H
#define TOOLGATE_CLIBCRYPTO_SHIM_H
// OpenSSL's libcrypto (libssl-dev): SHA-256, for the matrix file's hash in report metadata.
#include <openssl/evp.h>
#endif
