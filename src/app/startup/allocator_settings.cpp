#include "startup/allocator_settings.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace tendril::app {

void configureAllocator()
{
#if defined(__GLIBC__)
    // The app frees and reloads whole studies (100,000 trials are ~100 MB of small objects) when
    // the selection changes. Keeping freed memory instead of trimming it back to the system spares
    // the reload from faulting every page in again, which halves its time on virtual machines.
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    // Setting the trim threshold switches off glibc's adaptive mmap threshold, which would
    // otherwise rise to the size of the images the views draw their layers into (a plot of
    // 1920x1080 is 8 MiB). Left at its 128 KiB start, every layer image would be a fresh mmap
    // whose pages fault in while it is filled and are unmapped when it is dropped: a sixth to a
    // quarter of the GUI thread's time in a brush. Served from the heap instead, an image of the
    // size just dropped reuses its memory. 32 MiB is glibc's largest threshold on 64-bit systems;
    // what is bigger is rare and still mapped on its own.
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
#endif
}

} // namespace tendril::app
