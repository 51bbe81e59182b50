// The structs that swift-avro passes to the compression libraries it loads at run time
// (libbz2, liblzma, libzstd), declared in C so that they have the libraries' C layout: Swift
// does not promise C layout for its own structs. Only the layout is declared here, field for
// field in the order and size of the libraries' public headers (bzlib.h 1.0, lzma/base.h 5,
// zstd.h 1.4), so that building needs none of their -dev packages. Pointers whose targets
// this library never reads are plain `void *`; C enums are 32-bit integers.
#ifndef C_AVRO_CODECS_H
#define C_AVRO_CODECS_H

#include <stddef.h>
#include <stdint.h>

/// `bz_stream` of bzlib.h.
typedef struct {
    void *nextIn;
    unsigned int availableIn;
    unsigned int totalInLow32;
    unsigned int totalInHigh32;
    void *nextOut;
    unsigned int availableOut;
    unsigned int totalOutLow32;
    unsigned int totalOutHigh32;
    void *state;
    void *allocate;
    void *free;
    void *opaque;
} Bzip2Stream;

/// `lzma_stream` of lzma/base.h; all zeros is `LZMA_STREAM_INIT`.
typedef struct {
    const void *nextIn;
    size_t availableIn;
    uint64_t totalIn;
    void *nextOut;
    size_t availableOut;
    uint64_t totalOut;
    const void *allocator;
    void *internalState;
    void *reservedPointer1;
    void *reservedPointer2;
    void *reservedPointer3;
    void *reservedPointer4;
    uint64_t seekPosition;
    uint64_t reservedInt2;
    size_t reservedInt3;
    size_t reservedInt4;
    uint32_t reservedEnum1;
    uint32_t reservedEnum2;
} XZStream;

/// `ZSTD_inBuffer` of zstd.h.
typedef struct {
    const void *source;
    size_t size;
    size_t position;
} ZstandardInBuffer;

/// `ZSTD_outBuffer` of zstd.h.
typedef struct {
    void *destination;
    size_t size;
    size_t position;
} ZstandardOutBuffer;

#endif
