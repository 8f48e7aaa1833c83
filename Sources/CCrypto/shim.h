/* OpenSSL's libcrypto message digests (EVP): SHA-256 for file contents and run identity. */
#include <openssl/evp.h>
