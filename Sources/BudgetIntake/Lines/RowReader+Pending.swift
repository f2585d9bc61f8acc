import BudgetCore

extension RowReader {
    /// Gives the held lines to the consumer under the decision just made.
    mutating func releasePending() {
        guard let mark = decision.mark, !pending.isEmpty else { return }
        let held = pending
        pending = []
        for var entry in held {
            if let shape = entry.quantity {
                let scale = shape.scale(decimal: mark) ?? 0
                entry.line.quantity = quantity(shape, scale: scale, line: entry.line.line, index: columns.quantity) {
                    entry.quantityText
                }
            }
            deliver(entry.line)
        }
    }

    /// At the end: decides by quantity × unit price = amount if nothing else did (the
    /// first held line that fits exactly one reading decides), then releases the held
    /// lines, or reports each as `ambiguous-number` and gives it without a quantity.
    mutating func finishPending() {
        guard !pending.isEmpty else { return }
        if !decision.isDecided {
            for entry in pending {
                guard let shape = entry.quantity, let price = entry.line.unitPrice, let amount = entry.line.amount,
                    let mark = shape.lastMark
                else { continue }
                let asThousands = reading(shape, decimal: mark.other)?.times(price) == amount
                let asDecimal = reading(shape, decimal: mark)?.times(price) == amount
                if asThousands != asDecimal {
                    decision.decide(
                        asDecimal ? mark : mark.other, by: .product, line: entry.line.line, text: entry.quantityText)
                    break
                }
            }
        }
        if decision.isDecided {
            releasePending()
            return
        }
        let held = pending
        pending = []
        for entry in held {
            guard let shape = entry.quantity else {
                deliver(entry.line)
                continue
            }
            let mark = shape.lastMark ?? .comma
            report.findings.append(
                Finding(
                    .ambiguousNumber, line: entry.line.line, column: name(columns.quantity),
                    columnNumber: columns.quantity + 1, value: entry.quantityText,
                    arguments: [
                        "readingA": shape.readingText(decimal: mark.other),
                        "readingB": shape.readingText(decimal: mark),
                    ]))
            deliver(entry.line)
        }
    }

    private func reading(_ shape: NumberShape, decimal: DecimalMark) -> Quantity? {
        guard let scale = shape.scale(decimal: decimal), case .value(let quantity) = shape.quantity(scale: scale)
        else { return nil }
        return quantity
    }
}
