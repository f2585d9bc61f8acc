import BudgetCore

extension RowReader {
    /// One row below the header: an estimate line, a total row, a words row, or a heading.
    mutating func readRow(_ record: CSVRecord) {
        if record.count > width { checkRagged(record) }
        let codeField = record.field(columns.itemCode)
        let amountField = record.field(columns.amount)
        let hasCode = !TextBytes.isBlank(codeField)
        let hasAmount = !TextBytes.isBlank(amountField)
        if !hasCode {
            if let label = totalLabel(record) {
                endSignatureBlock()
                readTotal(record, label: label)
                return
            }
            if let words = wordsRow(record) {
                endSignatureBlock()
                report.wordsRows.append(words)
                return
            }
        }
        // A code no plan could have (a space, a letter with a tone mark), an amount with
        // words or a date, or a row with neither: perhaps the signature block; every other
        // row is not looked at twice. Without the text, a code is numbered here, once, and
        // judged once per distinct code.
        var codeNumber: Int32 = -1
        if hasCode && !keepsText {
            codeNumber = codeNumbers.number(codeField)
            if !codeNumbers.mayBeCode(codeNumber) && signatureRow(record) { return }
        } else if suspect(hasCode: hasCode, codeField, hasAmount: hasAmount, amountField) && signatureRow(record) {
            return
        }
        if signatureBlock != nil { endSignatureBlock() }
        if !hasCode && !hasAmount { return }  // a heading, or an empty row
        readLine(record, hasAmount: hasAmount, codeNumber: codeNumber)
    }

    /// Whether a row read with its text, or without a code, is worth a second look.
    @inline(__always)
    private func suspect(
        hasCode: Bool, _ codeField: UnsafeBufferPointer<UInt8>, hasAmount: Bool,
        _ amountField: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        hasCode ? !TextBytes.mayBeCode(codeField) : !hasAmount || TextBytes.mayBeWordsOrDate(amountField)
    }

    /// Whether `record` belongs to the signature block (``SignatureBlock``): then it is
    /// noted in the open block, or opens one, and is not read further.
    @inline(never)
    private mutating func signatureRow(_ record: CSVRecord) -> Bool {
        var cells: [String] = []
        for index in 0..<record.count where !TextBytes.isBlank(record.field(index)) {
            cells.append(Folding.trim(TextBytes.text(record.field(index))))
        }
        // A blank row inside the block (room to sign) neither ends nor extends it.
        if cells.isEmpty { return signatureBlock != nil }
        switch SignatureBlock.kind(cells) {
        case .signature:
            if signatureBlock == nil {
                signatureBlock = (record.line, record.line, RowReader.excerpt(cells.joined(separator: " ")))
            }
            signatureBlock?.last = record.line
            return true
        case .names where signatureBlock != nil:
            signatureBlock?.last = record.line
            return true
        default:
            return false
        }
    }

    /// Reports the open signature block, once, at its first row.
    mutating func endSignatureBlock() {
        guard let block = signatureBlock else { return }
        signatureBlock = nil
        report.findings.append(
            Finding(.signatureBlock, line: block.first, value: block.text, arguments: ["lastLine": String(block.last)]))
    }

    /// `codeNumber`: the code's number when the text is not kept and the row has a code
    /// (numbered by ``readRow(_:)``), else -1.
    private mutating func readLine(_ record: CSVRecord, hasAmount: Bool, codeNumber numbered: Int32) {
        let wasDecided = decision.isDecided
        let lineNumber = record.line
        let codeField = record.field(columns.itemCode)
        // Without the text, the code is a number in `codeNumbers`; its string is made only
        // for a finding or a held line.
        let codeText = keepsText ? cache.text(codeField) : ""
        let codeNumber = keepsText || numbered >= 0 ? numbered : codeNumbers.number(codeField)
        var amount: Money? = nil
        if hasAmount {
            amount = readMoney(record, columns.amount, exponent: amountExponent)
        } else {
            report.findings.append(
                Finding(
                    .missingAmount, line: lineNumber, column: name(columns.amount),
                    columnNumber: columns.amount + 1, item: keepsText ? codeText : codeNumbers.codes.text(codeNumber)))
        }
        let unitPrice = readMoney(record, columns.unitPrice, exponent: priceExponent)
        var quantity: Quantity? = nil
        var waiting: NumberShape? = nil
        switch readQuantity(record) {
        case .value(let value): quantity = value
        case .waiting(let shape): waiting = shape
        case .none: break
        }
        if !wasDecided && decision.isDecided { releasePending() }
        if !keepsText {
            let descriptionKey = descriptionKeys.key(record.field(columns.description), keyer)
            guard let waiting else {
                deliver(
                    KeyedLine(
                        line: lineNumber, code: codeNumber, descriptionKey: descriptionKey, quantity: quantity,
                        unitPrice: unitPrice, amount: amount))
                return
            }
            let line = EstimateLine(
                line: lineNumber, itemCode: codeNumbers.codes.text(codeNumber), descriptionKey: descriptionKey,
                quantity: quantity, unitPrice: unitPrice, amount: amount)
            hold(line, waiting, record)
            return
        }
        // Made in one go and moved on, never copied: a line is ~160 bytes and five strings.
        let line = EstimateLine(
            line: lineNumber,
            number: TextBytes.text(record.field(columns.number)),
            itemCode: codeText,
            description: TextBytes.text(record.field(columns.description)),
            unit: cache.text(record.field(columns.unit)),
            quantity: quantity, unitPrice: unitPrice, amount: amount,
            note: cache.text(record.field(columns.note)))
        if let waiting {
            hold(line, waiting, record)
        } else {
            deliver(line)
        }
    }

    /// Holds a line whose quantity waits for the file's decimal mark.
    private mutating func hold(_ line: consuming EstimateLine, _ quantity: NumberShape, _ record: CSVRecord) {
        pending.append(
            PendingLine(line: line, quantity: quantity, quantityText: TextBytes.text(record.field(columns.quantity))))
    }

    /// Queues a finished line for the consumer and counts it; without the text, as a
    /// ``KeyedLine``.
    mutating func deliver(_ line: consuming EstimateLine) {
        guard keepsText else {
            let code = codeNumbers.number(line.itemCode)
            deliver(KeyedLine(line, code: code))
            return
        }
        if keepsFileOrder && !pending.isEmpty {
            pending.append(PendingLine(line: line, quantity: nil, quantityText: ""))
            return
        }
        count(line.amount, line: line.line)
        ready.append(line)
    }

    /// Queues a finished line read without its text, and counts it.
    @inline(__always)
    private mutating func deliver(_ line: KeyedLine) {
        count(line.amount, line: line.line)
        keyed.append(line)
    }

    /// Counts a line and adds its amount to the running sum.
    @inline(__always)
    private mutating func count(_ amount: Money?, line: Int) {
        report.lineCount += 1
        if let amount, let total = sum {
            sum = total.adding(amount)
            if sum == nil {
                report.findings.append(Finding(.limitExceeded, line: line, variant: "sum"))
            }
        }
    }

    /// The header's spelling of column `index`, if any.
    func name(_ index: Int) -> String? { index >= 0 && index < names.count ? names[index] : nil }

    private mutating func checkRagged(_ record: CSVRecord) {
        var last = -1
        var first = -1
        for index in width..<record.count where !TextBytes.isBlank(record.field(index)) {
            if first < 0 { first = index }
            last = index
        }
        guard first >= 0 else { return }
        report.findings.append(
            Finding(
                .raggedRow, line: record.line, columnNumber: first + 1,
                value: RowReader.excerpt(TextBytes.text(record.field(first))),
                arguments: ["count": String(last + 1), "expected": String(width)]))
    }

    /// The label of a total row: a text cell (not quantity, price or amount) naming a total.
    private func totalLabel(_ record: CSVRecord) -> String? {
        for index in 0..<record.count where !columns.isNumeric(index) {
            let field = record.field(index)
            guard let base = field.baseAddress else { continue }
            var s = 0
            var e = field.count
            TextBytes.trim(base, &s, &e)
            guard s < e, SpecialRows.mayBeTotal(base[s]) else { continue }
            let text = TextBytes.text(field)
            if SpecialRows.isTotalLabel(text) { return text }
        }
        return nil
    }

    private mutating func readTotal(_ record: CSVRecord, label: String) {
        let wasDecided = decision.isDecided
        let amount = readMoney(record, columns.amount, exponent: amountExponent)
        report.totalRows.append(
            TotalRow(
                line: record.line, label: label, amountText: TextBytes.text(record.field(columns.amount)),
                amount: amount))
        if !wasDecided && decision.isDecided { releasePending() }
    }

    private func wordsRow(_ record: CSVRecord) -> WordsRow? {
        for index in 0..<record.count {
            let field = record.field(index)
            guard let base = field.baseAddress else { continue }
            var s = 0
            var e = field.count
            TextBytes.trim(base, &s, &e)
            guard s < e, base[s] | 0x20 == 0x62 else { continue }  // b/B
            if let words = SpecialRows.words(TextBytes.text(field)) {
                let column = name(index).map { ColumnRef(name: $0, number: index + 1) }
                return WordsRow(line: record.line, column: column, words: words)
            }
        }
        return nil
    }
}
