#include "views/studies/studies_view.hpp"

#include "session/project_session.hpp"
#include "views/studies/studies_model.hpp"
#include "views/studies/study_delegate.hpp"

#include <QItemSelectionModel>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

#include <algorithm>

namespace tendril::app {

StudiesView::StudiesView(ProjectSession& session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      model_(new StudiesModel(this)),
      filter_(new QSortFilterProxyModel(this)),
      filterEdit_(new QLineEdit(this)),
      list_(new QListView(this))
{
    setObjectName(QStringLiteral("studiesView"));
    filter_->setSourceModel(model_);
    filter_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    filter_->setFilterRole(StudiesModel::NameRole);

    filterEdit_->setPlaceholderText(tr("Filter studies"));
    filterEdit_->setClearButtonEnabled(true);
    filterEdit_->setAcceptDrops(false);  // dropped files are for the window to import, not text to filter by
    connect(filterEdit_, &QLineEdit::textChanged, this, [this](const QString& text) {
        filter_->setFilterFixedString(text);
        showSessionSelection();
    });

    list_->setObjectName(QStringLiteral("studiesList"));
    list_->setModel(filter_);
    list_->setItemDelegate(new StudyDelegate(list_));
    list_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    list_->setMouseTracking(true);  // hover highlight
    list_->setUniformItemSizes(true);
    list_->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    connect(list_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &StudiesView::pushSelectionToSession);
    connect(list_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &StudiesView::pushSelectionToSession);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 4, 0);
    layout->setSpacing(6);
    auto* editRow = new QHBoxLayout;
    editRow->setContentsMargins(0, 0, 4, 0);
    editRow->addWidget(filterEdit_);
    layout->addLayout(editRow);
    layout->addWidget(list_, 1);

    connect(&session_, &ProjectSession::studiesChanged, this, &StudiesView::reloadStudies);
    connect(&session_, &ProjectSession::selectionChanged, this, &StudiesView::showSessionSelection);
    reloadStudies();
}

void StudiesView::reloadStudies()
{
    syncing_ = true;
    model_->setSummaries(session_.summaries());
    syncing_ = false;
    showSessionSelection();
}

void StudiesView::showSessionSelection()
{
    syncing_ = true;
    QItemSelectionModel* selection = list_->selectionModel();
    QItemSelection rows;
    QModelIndex current;
    for (const QString& name : session_.selectedStudies()) {
        const int row = model_->rowOf(name);
        const QModelIndex index = filter_->mapFromSource(model_->index(row, 0));
        if (!index.isValid())
            continue;
        rows.select(index, index);
        if (!current.isValid())
            current = index;
    }
    selection->select(rows, QItemSelectionModel::ClearAndSelect);
    if (current.isValid()) {
        selection->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
        list_->scrollTo(current);
    }
    syncing_ = false;
}

void StudiesView::pushSelectionToSession()
{
    if (syncing_)
        return;
    // The clicked study comes first: it is the one the trials table shows.
    QModelIndexList rows = list_->selectionModel()->selectedIndexes();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    const QModelIndex current = list_->currentIndex();
    QStringList names;
    if (current.isValid() && list_->selectionModel()->isSelected(current))
        names << current.data(StudiesModel::NameRole).toString();
    for (const QModelIndex& index : rows)
        names << index.data(StudiesModel::NameRole).toString();
    names.removeDuplicates();
    // Hidden by the filter is not the same as deselected: keep those the user cannot see.
    for (const QString& name : session_.selectedStudies())
        if (!filter_->mapFromSource(model_->index(model_->rowOf(name), 0)).isValid() && !names.contains(name))
            names << name;
    session_.setSelectedStudies(names);
}

} // namespace tendril::app
