// simdjson is built without exceptions: every call returns an error code (toolchain-notes.md pitfall 5).
#pragma once
#ifndef SIMDJSON_EXCEPTIONS
#define SIMDJSON_EXCEPTIONS 0
#endif
#include "simdjson.h"
