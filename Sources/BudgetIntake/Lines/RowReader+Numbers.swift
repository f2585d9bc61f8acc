import BudgetCore

/// What a quantity cell gave.
enum QuantityCell {
    case value(Quantity)
    /// Ambiguous until the file's decimal mark is decided.
    case waiting(NumberShape)
}

extension RowReader {
    /// Reads an amount or unit price: whole đồng after the money scale, or `nil` with a
    /// finding. Never waits: in these columns a single mark before exactly three digits is
    /// a thousands mark (evidence (b)).
    mutating func readMoney(_ record: CSVRecord, _ index: Int, exponent: Int) -> Money? {
        guard index >= 0 else { return nil }
        let field = record.field(index)
        if exponent == 0, let plain = NumberLexer.plainInteger(field) { return Money(dong: plain) }
        switch NumberLexer.lex(field) {
        case .empty:
            return nil
        case .invalid:
            invalidNumber(record, index, variant: "")
            return nil
        case .number(let shape):
            let scale: Int
            if let lastMark = shape.lastMark {
                let decimal: DecimalMark
                let evidence: DecimalMarkDecision.Evidence
                if let own = shape.ownMark {
                    decimal = own
                    evidence = shape.repeatedOrBothMarks ? .repeatedOrBothMarks : .decimalOnlyShape
                } else {
                    decimal = lastMark.other
                    evidence = .thousandsInMoneyColumn
                }
                guard agrees(decimal, evidence, record, index) else { return nil }
                scale = shape.scale(decimal: decimal) ?? 0
            } else {
                scale = 0
            }
            switch shape.money(scale: scale, exponent: exponent) {
            case .value(let money):
                return money
            case .fractional:
                report.findings.append(
                    Finding(
                        .fractionalAmount, line: record.line, column: name(index), columnNumber: index + 1,
                        value: TextBytes.text(field)))
                return nil
            case .overflow:
                invalidNumber(record, index, variant: "overflow")
                return nil
            }
        }
    }

    /// Reads the quantity cell: a value, `nil` (empty, or unreadable with a finding), or a
    /// shape waiting for the decimal mark.
    mutating func readQuantity(_ record: CSVRecord) -> QuantityCell? {
        let index = columns.quantity
        guard index >= 0 else { return nil }
        if let plain = NumberLexer.plainInteger(record.field(index)) { return .value(Quantity(plain)) }
        switch NumberLexer.lex(record.field(index)) {
        case .empty:
            return nil
        case .invalid:
            invalidNumber(record, index, variant: "")
            return nil
        case .number(let shape):
            var scale = 0
            if shape.lastMark != nil {
                if let own = shape.ownMark {
                    let evidence: DecimalMarkDecision.Evidence =
                        shape.repeatedOrBothMarks ? .repeatedOrBothMarks : .decimalOnlyShape
                    guard agrees(own, evidence, record, index) else { return nil }
                    scale = shape.scale(decimal: own) ?? 0
                } else if let decided = decision.mark {
                    scale = shape.scale(decimal: decided) ?? 0
                } else {
                    return .waiting(shape)
                }
            }
            return quantity(shape, scale: scale, line: record.line, index: index) {
                TextBytes.text(record.field(index))
            }.map { .value($0) }
        }
    }

    /// The quantity under `scale`, or `nil` with an `invalid-number` finding.
    mutating func quantity(
        _ shape: NumberShape, scale: Int, line: Int, index: Int, text: () -> String
    ) -> Quantity? {
        switch shape.quantity(scale: scale) {
        case .value(let quantity):
            return quantity
        case .tooPrecise:
            report.findings.append(
                Finding(
                    .invalidNumber, line: line, column: name(index), columnNumber: index + 1, value: text(),
                    variant: "too-precise"))
        case .overflow:
            report.findings.append(
                Finding(
                    .invalidNumber, line: line, column: name(index), columnNumber: index + 1, value: text(),
                    variant: "overflow"))
        }
        return nil
    }

    /// Checks a number's own decimal mark against the file's decision, deciding it if
    /// this is the first evidence. A disagreement is an `ambiguous-number` conflict.
    private mutating func agrees(
        _ mark: DecimalMark, _ evidence: DecimalMarkDecision.Evidence, _ record: CSVRecord, _ index: Int
    ) -> Bool {
        if let decided = decision.mark {
            if decided == mark { return true }
            report.findings.append(
                Finding(
                    .ambiguousNumber, line: record.line, column: name(index), columnNumber: index + 1,
                    value: TextBytes.text(record.field(index)), variant: "conflict",
                    arguments: [
                        "mark": mark.text, "evidenceLine": String(decision.line), "evidence": decision.text,
                    ]))
            return false
        }
        decision.decide(mark, by: evidence, line: record.line, text: TextBytes.text(record.field(index)))
        return true
    }

    private mutating func invalidNumber(_ record: CSVRecord, _ index: Int, variant: String) {
        let text = TextBytes.text(record.field(index))
        var variant = variant
        if variant.isEmpty { variant = Self.unreadableKind(text) }
        report.findings.append(
            Finding(
                .invalidNumber, line: record.line, column: name(index), columnNumber: index + 1,
                value: RowReader.excerpt(text), variant: variant))
    }

    /// What an unreadable number cell holds, when it is something the accountant would
    /// recognise: an error of a spreadsheet's formula (`#VALUE!`, LibreOffice's `Err:502`),
    /// or a date. "" otherwise.
    static func unreadableKind(_ text: String) -> String {
        let errors = ["#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"]
        let upper = text.uppercased()
        if errors.contains(upper) || upper.hasPrefix("ERR:") || upper == "#NV" { return "formula-error" }
        if SignatureBlock.isDateLine(NameFolding.key(text)) || Self.isISODate(text) { return "date" }
        return ""
    }

    /// `2020-03-05`, as a workbook's date cell reads.
    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }
}
