import ComputeModel
import Foundation
import Markdown

/// The live part of a `{compare}` table (`live: true`): the reader types their own price per GPU-hour for an
/// accelerator column and the rows that divide that price by a spec (`usd-per-pflop-hour`, `usd-per-gb-hour`,
/// `usd-per-tbs-hour`, each a `LiveFormula`) and the median-price row follow it. The table itself stays as the model
/// wrote it; the form sits in a closed disclosure under it and the script (`js/calc.js`) finds the cells by position.
struct LiveCompare {
    /// A row the calculator rewrites: its position in the table body and its formula (nil for the median-price row,
    /// which shows the reader's price itself).
    struct Row {
        var index: Int
        var metric: Metric
        var formula: LiveFormula?
        /// The name of the formula's spec variable (`peak`, `memory`, `bandwidth`).
        var specName: String?
    }

    /// An accelerator column: its position among the data cells, its published median price and the specs the
    /// formulas read, by variable name.
    struct Column {
        var index: Int
        var accelerator: Accelerator
        var price: Double?
        var priceLabel: String?
        var specs: [String: Double]
    }

    var rows: [Row]
    var columns: [Column]
    var type: PricingType

    /// The plan for a table with these rows and columns; nil when no row divides a price by a spec (nothing to
    /// recompute) or no column is an accelerator.
    static func plan(metrics: [Metric], processors: [Processor], stats: [String: PriceStats], type: PricingType, data: ComputeData) -> LiveCompare? {
        var rows: [Row] = []
        for (index, metric) in metrics.enumerated() {
            if metric == .medianPrice {
                rows.append(Row(index: index, metric: metric))
            } else if let perUnit = LiveFormula.perUnit(metric) {
                rows.append(Row(index: index, metric: metric, formula: perUnit.formula, specName: perUnit.formula.variables.last?.name))
            }
        }
        guard rows.contains(where: { $0.formula != nil }) else { return nil }
        var columns: [Column] = []
        for (index, processor) in processors.enumerated() {
            guard case .accelerator(let accelerator) = processor else { continue }
            let median = try? stats[accelerator.id]?.statistic("median")
            var specs: [String: Double] = [:]
            for row in rows {
                guard let name = row.specName, let spec = LiveFormula.perUnit(row.metric)?.spec,
                      let value = (try? data.figure(metric: spec.rawValue, for: accelerator))?.value, value > 0 else { continue }
                specs[name] = value
            }
            columns.append(Column(index: index, accelerator: accelerator, price: median?.value, priceLabel: median?.label, specs: specs))
        }
        guard !columns.isEmpty else { return nil }
        return LiveCompare(rows: rows, columns: columns, type: type)
    }

    /// Evaluates every live cell with the Swift evaluator from the published price and specs and returns the cells
    /// whose value differs from the model's `figures` (by metric, then accelerator id) by more than 1e-9 relative,
    /// or that one side has and the other has not.
    func check(_ figures: [Metric: [String: Figure]]) -> [String] {
        var problems: [String] = []
        for row in rows {
            guard let formula = row.formula else { continue }
            for column in columns {
                let model = figures[row.metric]?[column.accelerator.id]?.value
                var env = column.specs
                env["price"] = column.price
                let value = try? formula.expression.evaluate(env)
                switch (model, value) {
                case (nil, nil): continue
                case (let model?, let value?):
                    if abs(value - model) > 1e-9 * abs(model) {
                        problems.append("\(row.metric.rawValue) of \(column.accelerator.id): expression gives \(value), the model \(model)")
                    }
                default:
                    problems.append("\(row.metric.rawValue) of \(column.accelerator.id): expression gives \(value.map { "\($0)" } ?? "nothing"), the model \(model.map { "\($0)" } ?? "nothing")")
                }
            }
        }
        return problems
    }

    /// The URL query key (and form field name) of a column's price.
    static func key(_ accelerator: Accelerator) -> String { "price-" + accelerator.id }

    /// The calculator's data block (JSON).
    func json() -> String {
        let rowJSON = rows.map { row in
            CalcJSON.object([("index", String(row.index)), ("metric", CalcJSON.string(row.metric.rawValue)),
                             ("label", CalcJSON.string(Self.spoken(row.metric))),
                             ("expr", row.formula.map { $0.expression.json } ?? "null"),
                             ("unit", CalcJSON.string((row.formula?.unit ?? .usdPerGPUHour).rawValue))])
        }
        let columnJSON = columns.map { column in
            CalcJSON.object([("id", CalcJSON.string(column.accelerator.id)), ("key", CalcJSON.string(Self.key(column.accelerator))),
                             ("index", String(column.index)), ("name", CalcJSON.string(column.accelerator.name)),
                             ("price", column.price.map(CalcJSON.number) ?? "null"),
                             ("values", CalcJSON.object(column.specs.sorted { $0.key < $1.key }.map { ($0.key, CalcJSON.number($0.value)) }))])
        }
        return CalcJSON.object([("kind", CalcJSON.string("compare")), ("rows", CalcJSON.array(rowJSON)), ("columns", CalcJSON.array(columnJSON))])
    }

    /// How the status line names a row: "per BF16 PFLOP-hour".
    static func spoken(_ metric: Metric) -> String {
        switch metric {
        case .usdPerPFLOPHour: "per BF16 PFLOP-hour"
        case .usdPerGBHour: "per GB of HBM per hour"
        case .usdPerTBsHour: "per TB/s of bandwidth per hour"
        default: "per GPU-hour"
        }
    }

    /// The form: a closed disclosure under the table (so nothing moves when the script starts), one price field per
    /// accelerator column, disabled until the script enables them.
    func form(slug: String) -> String {
        let e = HTMLText.escape
        var html = "<details class=\"calc\"><summary>Use your own prices</summary><form class=\"calc-form\" data-calc-form novalidate>"
            + "<fieldset disabled><legend>Your price per GPU-hour (the rows in $ per unit follow it)</legend>"
            + "<p class=\"calc-nojs\">This calculator needs JavaScript; the table shows the published figures.</p><div class=\"calc-fields\">"
        for column in columns {
            let key = Self.key(column.accelerator)
            let fieldID = "\(slug)-\(key)"
            let value = column.price.map(LiveExample.inputText) ?? ""
            let note = column.price == nil ? "no published \(type.rawValue) price" : "published: the data's median \(type.rawValue) price"
            html += "<div class=\"calc-field\"><label for=\"\(fieldID)\">\(e(column.accelerator.name)): price per GPU-hour (USD)</label>"
                + "<input id=\"\(fieldID)\" name=\"\(key)\" type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" spellcheck=\"false\" value=\"\(e(value))\" aria-describedby=\"\(fieldID)-note\">"
                + "<span class=\"calc-note\" id=\"\(fieldID)-note\">\(e(note))</span></div>"
        }
        html += "</div><p class=\"calc-actions\"><button type=\"button\" data-calc-reset>Reset to published figures</button></p>"
            + "<p class=\"calc-status\" role=\"status\" aria-live=\"polite\"></p></fieldset></form></details>"
        return html
    }
}
