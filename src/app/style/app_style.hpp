// The application's look: Fusion with a calm light or dark palette, and the application icon.
#pragma once

#include <QString>

#include <optional>

class QApplication;
class QIcon;

namespace tendril::app {

enum class Theme { Light, Dark };

// "light" / "dark"; nullopt for anything else.
std::optional<Theme> themeFromName(const QString& name);
QString themeName(Theme theme);

// Style, font, icon and the theme the user chose last (light the first time).
void applyAppStyle(QApplication& app);
// Switches the palette and the style sheet of the running application, and remembers the choice
// for the next start unless remember is false (a --theme given for one run).
// Widgets receive QEvent::PaletteChange and repaint; plots read their colours from the palette
// (style/plot_colors.hpp), so they follow.
void setTheme(Theme theme, bool remember = true);
Theme currentTheme();

// The vine of resources/icons/tendril.svg, painted at every size the window system asks for.
QIcon appIcon();

} // namespace tendril::app
