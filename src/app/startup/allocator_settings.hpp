// How the desktop app sets up the C library's allocator. main() calls it first thing, and so does
// the benchmark that measures the app, so both run with the same memory behaviour.
#pragma once

namespace tendril::app {

void configureAllocator();

} // namespace tendril::app
