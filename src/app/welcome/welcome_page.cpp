#include "welcome/welcome_page.hpp"

#include "style/app_style.hpp"
#include "ui_welcome_page.h"

#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QListWidgetItem>
#include <QPainter>
#include <QStyledItemDelegate>

namespace tendril::app {

namespace {

constexpr int kPathRole = Qt::UserRole + 1;
constexpr int kFolderRole = Qt::UserRole + 2;

const char* const kWelcomeStyle = R"(
#card { background: white; border: 1px solid #e1e4ea; border-radius: 12px; }
#title { font-size: 22pt; font-weight: 700; color: #1d2330; }
#tagline { font-size: 11pt; color: #5b6373; }
#recentLabel { font-weight: 600; color: #3b4252; }
#recentEmpty, #dropHint { color: #8a94a6; }
#recentList { border: 1px solid #e6e9ee; border-radius: 6px; padding: 4px; }
QPushButton { padding: 7px 16px; border-radius: 6px; border: 1px solid #cfd5de; background: #f8f9fb; }
QPushButton:hover { background: #eef1f5; }
#openDemoButton { background: #2f6fed; border-color: #2a62d4; color: white; font-weight: 600; }
#openDemoButton:hover { background: #2a62d4; }
)";

// A recent project as two lines: its name, and the folder it is in, quieter.
class RecentProjectDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const override
    {
        return QSize(200, 2 * QFontMetrics(option.font).height() + 14);
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const QRectF card = QRectF(option.rect).adjusted(2, 1, -2, -1);
        if (option.state & (QStyle::State_MouseOver | QStyle::State_Selected)) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(option.state & QStyle::State_Selected ? option.palette.color(QPalette::Highlight)
                                                                    : QColor(0xee, 0xf1, 0xf5));
            painter->drawRoundedRect(card, 5, 5);
        }
        const QRect text = option.rect.adjusted(10, 7, -10, -7);
        QFont name = option.font;
        name.setWeight(QFont::DemiBold);
        const QFontMetrics nameMetrics(name), folderMetrics(option.font);
        painter->setFont(name);
        painter->setPen(option.palette.color(QPalette::Text));
        painter->drawText(QRect(text.left(), text.top(), text.width(), nameMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                          nameMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, text.width()));
        painter->setFont(option.font);
        painter->setPen(QColor(0x7a, 0x82, 0x91));
        painter->drawText(QRect(text.left(), text.top() + nameMetrics.height(), text.width(), folderMetrics.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          folderMetrics.elidedText(index.data(kFolderRole).toString(), Qt::ElideMiddle, text.width()));
        painter->restore();
    }
};

QString homeRelative(const QString& path)
{
    const QString home = QDir::homePath();
    return path.startsWith(home + QLatin1Char('/')) ? QStringLiteral("~") + path.mid(home.size()) : path;
}

} // namespace

WelcomePage::WelcomePage(QWidget* parent) : QWidget(parent), ui_(std::make_unique<Ui::WelcomePage>())
{
    ui_->setupUi(this);
    setObjectName(QStringLiteral("welcomePage"));
    setStyleSheet(QString::fromLatin1(kWelcomeStyle));
    ui_->logo->setPixmap(appIcon().pixmap(64, 64));
    ui_->recentList->setItemDelegate(new RecentProjectDelegate(ui_->recentList));
    ui_->recentList->setMouseTracking(true);

    connect(ui_->newProjectButton, &QPushButton::clicked, this, &WelcomePage::newProjectRequested);
    connect(ui_->openProjectButton, &QPushButton::clicked, this, &WelcomePage::openProjectRequested);
    connect(ui_->openDemoButton, &QPushButton::clicked, this, &WelcomePage::openDemoRequested);
    connect(ui_->recentList, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit recentProjectRequested(item->data(kPathRole).toString());
    });
    setRecentProjects({});
}

WelcomePage::~WelcomePage() = default;

void WelcomePage::setRecentProjects(const QStringList& paths)
{
    ui_->recentList->clear();
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (!info.exists())
            continue;
        auto* item = new QListWidgetItem(info.completeBaseName(), ui_->recentList);
        item->setData(kPathRole, info.absoluteFilePath());
        item->setData(kFolderRole, homeRelative(info.absolutePath()));
        item->setToolTip(info.absoluteFilePath());
    }
    const bool any = ui_->recentList->count() > 0;
    ui_->recentList->setVisible(any);
    ui_->recentEmpty->setVisible(!any);
}

QStringList WelcomePage::shownRecentProjects() const
{
    QStringList paths;
    for (int i = 0; i < ui_->recentList->count(); ++i)
        paths << ui_->recentList->item(i)->data(kPathRole).toString();
    return paths;
}

} // namespace tendril::app
