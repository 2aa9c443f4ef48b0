#include "views/control/algorithm_form.hpp"

#include "style/labels.hpp"
#include "views/control/control_colors.hpp"
#include "tendril/io/format_error.hpp"
#include "tendril/io/json_writer.hpp"
#include "tendril/search/algorithm.hpp"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include <algorithm>

namespace tendril::app {

namespace {

using Kind = AlgorithmOption::Kind;

constexpr int kFieldWidth = 240;

bool isNumberToken(const std::string& raw)
{
    return !raw.empty() && (raw.front() == '-' || (raw.front() >= '0' && raw.front() <= '9'));
}

// Whether the field of this option can show the value exactly; if not, it goes to More options.
bool fieldCanShow(const AlgorithmOption& option, const std::string& raw)
{
    switch (option.kind) {
    case Kind::WholeNumber:
    case Kind::Number: return isNumberToken(raw);
    case Kind::NumberOrAuto: return isNumberToken(raw) || raw == "\"auto\"";
    case Kind::Boolean: return raw == "true" || raw == "false";
    case Kind::Choice:
        return !raw.empty() && raw.front() == '"'
            && std::find(option.choices.begin(), option.choices.end(), optionText(raw)) != option.choices.end();
    }
    return false;
}

const AlgorithmOption* findOption(const std::vector<AlgorithmOption>& options, const std::string& key)
{
    for (const AlgorithmOption& o : options)
        if (o.key == key || (!o.alias.empty() && o.alias == key))
            return &o;
    return nullptr;
}

QString fieldName(const std::string& key)
{
    return QStringLiteral("option_") + qstr(key);
}

} // namespace

AlgorithmForm::AlgorithmForm(QWidget* parent)
    : QWidget(parent),
      algorithmCombo_(new QComboBox(this)),
      summary_(new QLabel(this)),
      fieldsBox_(new QWidget(this)),
      fields_(new QFormLayout(fieldsBox_)),
      moreOptions_(new QPlainTextEdit(this)),
      gridSize_(new QLabel(this))
{
    algorithmCombo_->setObjectName(QStringLiteral("algorithmCombo"));
    for (const std::string& name : runnableAlgorithms())
        algorithmCombo_->addItem(qstr(algorithmTitle(name)) + QStringLiteral("  (") + qstr(name) + QLatin1Char(')'),
                                 qstr(name));
    summary_->setWordWrap(true);
    // The palette the form opens with: it lives in a modal dialog, so the theme cannot change under it.
    summary_->setStyleSheet(QStringLiteral("color: %1;").arg(ControlColors::of(palette()).muted.name()));
    fields_->setContentsMargins(0, 4, 0, 4);
    fields_->setHorizontalSpacing(12);
    fields_->setVerticalSpacing(6);
    fields_->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    moreOptions_->setObjectName(QStringLiteral("moreOptionsEdit"));
    moreOptions_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    moreOptions_->setTabChangesFocus(true);
    moreOptions_->setFixedHeight(84);
    gridSize_->setObjectName(QStringLiteral("gridSizeLabel"));
    gridSize_->setWordWrap(true);

    auto* more = new QLabel(tr("More options (JSON object)"), this);
    more->setToolTip(tr("Members of algorithm.config the form has no field for, e.g. grid "
                        "{\"values\": {\"lr\": [0.001, 0.01]}, \"steps\": {\"dropout\": 0.1}}"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(algorithmCombo_);
    layout->addWidget(summary_);
    layout->addWidget(gridSize_);
    layout->addWidget(fieldsBox_);
    layout->addWidget(more);
    layout->addWidget(moreOptions_);
    layout->addStretch(1);

    connect(algorithmCombo_, &QComboBox::currentIndexChanged, this, &AlgorithmForm::algorithmChosen);
    connect(moreOptions_, &QPlainTextEdit::textChanged, this, [this] {
        if (loading_)
            return;
        updateGridSize();
        emit edited();
    });
    setAlgorithm("tpe", "");
}

void AlgorithmForm::setAlgorithm(const std::string& name, const std::string& configJson)
{
    loading_ = true;
    int index = algorithmCombo_->findData(qstr(name));
    if (index < 0) {
        algorithmCombo_->addItem(tr("%1  (Tendril cannot run it)").arg(qstr(name)), qstr(name));
        index = algorithmCombo_->count() - 1;
    }
    algorithmCombo_->setCurrentIndex(index);
    texts_.clear();
    aliasUsed_.clear();
    order_.clear();
    JsonMembers extra;
    try {
        const std::vector<AlgorithmOption>& options = algorithmOptions(name);
        for (const auto& [key, raw] : splitJsonObject(configJson, "algorithm.config")) {
            order_.push_back(key);
            const AlgorithmOption* option = findOption(options, key);
            if (option && !texts_.contains(qstr(option->key)) && fieldCanShow(*option, raw)) {
                texts_.insert(qstr(option->key), qstr(optionText(raw)));
                if (key == option->alias)
                    aliasUsed_.insert(option->key);
            } else {
                extra.emplace_back(key, raw);
            }
        }
        setMoreOptions(extra);
    } catch (const FormatError&) {
        moreOptions_->setPlainText(qstr(configJson));  // shown as it is; checking names the problem
    }
    rebuildFields();
    loading_ = false;
    updateGridSize();
}

std::string AlgorithmForm::algorithmName() const
{
    return algorithmCombo_->currentData().toString().toStdString();
}

void AlgorithmForm::setMoreOptions(const JsonMembers& members)
{
    // One member per line, each value compact with its numbers as written.
    QString text;
    if (!members.empty()) {
        QStringList lines;
        for (const auto& [key, value] : members) {
            std::string member;
            appendJsonString(member, key);
            lines << QStringLiteral("  ") + qstr(member) + QStringLiteral(": ") + qstr(value);
        }
        text = QStringLiteral("{\n") + lines.join(QStringLiteral(",\n")) + QStringLiteral("\n}");
    }
    moreOptions_->setPlainText(text);
}

void AlgorithmForm::rebuildFields()
{
    while (fields_->rowCount() > 0)
        fields_->removeRow(0);
    const std::string name = algorithmName();
    summary_->setText(qstr(algorithmSummary(name)));
    const std::vector<AlgorithmOption>& options = algorithmOptions(name);
    for (const AlgorithmOption& option : options) {
        const QString key = qstr(option.key);
        QWidget* field = nullptr;
        if (option.kind == Kind::Boolean || option.kind == Kind::Choice) {
            auto* combo = new QComboBox(fieldsBox_);
            combo->addItem(tr("Default (%1)").arg(qstr(option.defaultText)), QString());
            const std::vector<std::string> values =
                option.kind == Kind::Boolean ? std::vector<std::string>{"true", "false"} : option.choices;
            for (const std::string& v : values)
                combo->addItem(qstr(v), qstr(v));
            combo->setCurrentIndex(std::max(0, combo->findData(texts_.value(key))));
            connect(combo, &QComboBox::currentIndexChanged, this, [this, combo, key] {
                texts_.insert(key, combo->currentData().toString());
                updateGridSize();
                emit edited();
            });
            field = combo;
        } else {
            auto* edit = new QLineEdit(texts_.value(key), fieldsBox_);
            edit->setPlaceholderText(qstr(option.defaultText));
            connect(edit, &QLineEdit::textChanged, this, [this, key](const QString& text) {
                texts_.insert(key, text);
                if (loading_)
                    return;
                updateGridSize();
                emit edited();
            });
            field = edit;
        }
        field->setObjectName(fieldName(option.key));
        field->setMinimumWidth(kFieldWidth);
        QString tip = qstr(option.help);
        if (!option.alias.empty())
            tip += tr(" (config key %1, also %2)").arg(key, qstr(option.alias));
        else
            tip += tr(" (config key %1)").arg(key);
        field->setToolTip(tip);
        fields_->addRow(qstr(option.label), field);
    }
    fieldsBox_->setVisible(!options.empty());
}

void AlgorithmForm::algorithmChosen()
{
    if (loading_)
        return;
    rebuildFields();
    updateGridSize();
    emit edited();
}

std::optional<std::string> AlgorithmForm::configJson(ConfigIssue* issue) const
{
    JsonMembers form;
    for (const AlgorithmOption& option : algorithmOptions(algorithmName())) {
        const std::string text = texts_.value(qstr(option.key)).trimmed().toStdString();
        if (text.empty())
            continue;
        const std::string key = aliasUsed_.count(option.key) ? option.alias : option.key;
        switch (option.kind) {
        case Kind::Boolean: form.emplace_back(key, text); break;
        case Kind::Choice: {
            std::string quoted;
            appendJsonString(quoted, text);
            form.emplace_back(key, quoted);
            break;
        }
        default: form.emplace_back(key, optionJson(text)); break;
        }
    }
    JsonMembers extra;
    try {
        extra = splitJsonObject(moreOptions_->toPlainText().toStdString(), "More options");
    } catch (const FormatError& e) {
        if (issue)
            *issue = {"algorithm.config", std::string("algorithm.config: ") + e.what()};
        return std::nullopt;
    }
    return joinJsonObject(composeAlgorithmConfig(order_, form, extra));
}

void AlgorithmForm::setSpace(const std::optional<SearchSpace>& space)
{
    space_ = space;
    updateGridSize();
}

AlgorithmForm::GridSize AlgorithmForm::gridSize() const
{
    if (algorithmName() != "grid")
        return {};
    if (!space_)
        return {tr("The grid size shows once the search space has no red cells."), false};
    ConfigIssue issue;
    const std::optional<std::string> json = configJson(&issue);
    if (!json)
        return {qstr(issue.message), false};
    try {
        QStringList factors;
        for (const search::GridAxis& axis : search::gridAxes(*space_, *json))
            factors << QStringLiteral("%1 %2").arg(qstr(axis.name)).arg(axis.values.size());
        const std::uint64_t total = search::gridSize(*space_, *json);
        return {tr("%1 combinations: %2").arg(total).arg(factors.join(QStringLiteral(" × "))), true};
    } catch (const search::ConfigError& e) {
        return {qstr(e.what()), false};
    }
}

QString AlgorithmForm::gridSizeText() const
{
    return gridSize().text;
}

void AlgorithmForm::updateGridSize()
{
    const GridSize size = gridSize();
    gridSize_->setVisible(!size.text.isEmpty());
    gridSize_->setStyleSheet(size.counted
                                 ? QStringLiteral("font-weight: 600; color: %1;").arg(palette().color(QPalette::Text).name())
                                 : QStringLiteral("color: %1;").arg(ControlColors::of(palette()).issueText.name()));
    gridSize_->setText(size.text);
}

QWidget* AlgorithmForm::optionField(const std::string& key) const
{
    const AlgorithmOption* option = findOption(algorithmOptions(algorithmName()), key);
    return option ? findChild<QWidget*>(fieldName(option->key)) : nullptr;
}

QWidget* AlgorithmForm::widgetForPath(const std::string& path) const
{
    const std::string prefix = "algorithm.config.";
    if (path.rfind(prefix, 0) == 0) {
        const std::string rest = path.substr(prefix.size());
        const std::string key = rest.substr(0, rest.find_first_of(".["));
        if (QWidget* field = optionField(key))
            return field;
        return moreOptions_;
    }
    if (path == "algorithm.config")
        return moreOptions_;
    return algorithmCombo_;
}

} // namespace tendril::app
