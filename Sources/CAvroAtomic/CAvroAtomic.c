// The atomic word's functions are all inline, in the header; a C target needs a source file.
#include "CAvroAtomic.h"
