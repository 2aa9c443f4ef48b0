// The application's look: Fusion with a calm light palette, and the application icon.
#pragma once

class QApplication;
class QIcon;

namespace tendril::app {

void applyAppStyle(QApplication& app);

// The vine of resources/icons/tendril.svg, painted at every size the window system asks for.
QIcon appIcon();

} // namespace tendril::app
