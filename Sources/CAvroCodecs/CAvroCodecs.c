// The module's types are all in include/CAvroCodecs.h; SwiftPM builds a C target from at
// least one source file.
#include "CAvroCodecs.h"
