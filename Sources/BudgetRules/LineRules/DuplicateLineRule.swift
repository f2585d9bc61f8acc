import BudgetCore

/// `duplicate-line`: the same item, description and amount as an earlier line — the
/// classic copy-paste that counts a cost twice. A warning: two identical purchases can
/// be real.
///
/// Lines match on the item's canonical code (the plan's, or the code as written, upper
/// case, for an unknown item), the description in NFC with case and spacing folded, and
/// the amount. Lines without an amount are not compared.
///
/// Memory: only a 64-bit hash of that key and a line number are kept per line, never
/// the text: in a first-line table (`FirstLineTable`, 15–23 bytes a line) when the rule
/// runs alone, in a log judged at the end (`DuplicateLog`, about 13 bytes a line) when
/// the validator runs it. The
/// description enters the hash as its own 64-bit key (``EstimateLine/descriptionKey``,
/// ``Folding/caseAndSpaceKey(_:)``), which the reader can compute from the file's bytes
/// without making a `String`. The trade-off is that two different lines whose keys hash
/// alike would be reported as duplicates; with well-mixed 64-bit hashes the chance is
/// about n²/2⁶⁵ (3 in 100 million for a million lines), and the finding is only a warning.
///
/// Lines may arrive out of file order; `otherLine` is always the lower line number
/// seen so far, so a finding always points back, never forward.
public enum DuplicateLineRule: RegisteredLineRule {
    public static let code = FindingCode.duplicateLine

    /// Appends the rule's findings for one line; see the type's documentation.
    @Sendable
    public static func check(
        _ checked: CheckedLine, _ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding]
    ) {
        let line = checked.line
        guard let amount = line.amount else { return }
        let (hash, code) = key(checked, memory, amount)
        let number = Int32(clamping: line.line)
        guard let earlier = memory.firstLines.remember(hash, line: number), earlier != number else { return }
        findings.append(
            finding(
                context, duplicate: Int(max(earlier, number)), original: Int(min(earlier, number)), amount: amount,
                item: code))
    }

    /// The key of a line with an amount, and its item's code: the plan's, or the code as
    /// written for a line without a plan item. The validator gives the plan item's key,
    /// made once per item (``LineMemory/item``); alone, the rule makes it.
    private static func key(_ checked: CheckedLine, _ memory: LineMemory, _ amount: Money) -> (UInt64, String) {
        let code = checked.item?.code ?? Plan.codeKey(checked.line.itemCode)
        let itemKey = memory.item?.key ?? itemKey(code)
        return (key(itemKey: itemKey, descriptionKey: checked.line.descriptionKey, amount: amount), code)
    }

    /// What the validator runs: ``stage(_:_:)``.
    @inline(__always)
    public static func run(
        _ line: CheckedLine, _ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding]
    ) {
        stage(line, &memory)
    }

    /// What the validator runs: like ``check(_:_:_:_:)``, but the line is only recorded
    /// (``DuplicateLog``) and judged with all the others at the next flush — after the
    /// last line, when the validator finishes. The findings are those `check` would have
    /// given for the same lines.
    @inline(__always)
    static func stage(_ checked: CheckedLine, _ memory: inout LineMemory) {
        let line = checked.line
        guard let amount = line.amount else { return }
        if let item = memory.item {
            stage(
                itemKey: item.key, item: item.index, descriptionKey: line.descriptionKey, amount: amount,
                line: line.line, &memory)
            return
        }
        let (hash, code) = key(checked, memory, amount)
        memory.duplicates.record(hash, line: Int32(clamping: line.line), amount: amount.dong, code: code)
    }

    /// ``stage(_:_:)`` for a line of the plan item at `item` (whose
    /// ``itemKey(_:)`` is `itemKey`), given by its parts.
    @inline(__always)
    static func stage(
        itemKey: UInt64, item: Int32, descriptionKey: UInt64, amount: Money, line: Int, _ memory: inout LineMemory
    ) {
        memory.duplicates.record(
            key(itemKey: itemKey, descriptionKey: descriptionKey, amount: amount), line: Int32(clamping: line),
            amount: amount.dong, item: item)
    }

    /// Judges the lines recorded since the last flush (see ``DuplicateLog``).
    static func flush(_ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding]) {
        memory.duplicates.judge(context.plan) { code, amount, duplicate, original in
            findings.append(
                finding(
                    context, duplicate: Int(duplicate), original: Int(original), amount: Money(dong: amount),
                    item: code))
        }
    }

    /// The finding for line `duplicate`, which repeats line `original`.
    private static func finding(
        _ context: LineContext, duplicate: Int, original: Int, amount: Money, item: String
    ) -> Finding {
        context.finding(
            .duplicateLine, line: duplicate, field: .amount, value: Figures.amount(amount), item: item,
            arguments: ["otherLine": String(original)])
    }

    /// The 64-bit key of a line whose description is given as text.
    static func key(item: String, description: String, amount: Money) -> UInt64 {
        key(item: item, descriptionKey: Folding.caseAndSpaceKey(description), amount: amount)
    }

    /// The 64-bit key of a line: FNV-1a over the canonical item's bytes, then the
    /// description's key and the amount, each mixed in with a SplitMix64 finaliser.
    ///
    /// Each step is a bijection of the running hash for a fixed input, so two lines with
    /// the same item and amount collide exactly when their description keys do; lines
    /// with different items collide only by chance (about 2⁻⁶⁴).
    @inline(__always)
    static func key(item: String, descriptionKey: UInt64, amount: Money) -> UInt64 {
        key(itemKey: itemKey(item), descriptionKey: descriptionKey, amount: amount)
    }

    /// The first step of ``key(item:descriptionKey:amount:)``: the item's part, the same
    /// for every line of the item (the validator makes it once per plan item).
    @inline(__always)
    static func itemKey(_ item: String) -> UInt64 {
        let fnv: UInt64 = 0xcbf2_9ce4_8422_2325
        // Straight over the code's bytes: walking `utf8` of a short string one index at a
        // time cost several times as much.
        let hash =
            item.utf8.withContiguousStorageIfAvailable { bytes in
                bytes.reduce(fnv) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
            } ?? item.utf8.reduce(fnv) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
        return finalise(hash)
    }

    /// The rest of ``key(item:descriptionKey:amount:)`` from the item's part.
    @inline(__always)
    static func key(itemKey: UInt64, descriptionKey: UInt64, amount: Money) -> UInt64 {
        let hash = finalise(itemKey ^ descriptionKey)
        return finalise(hash ^ UInt64(bitPattern: amount.dong))
    }

    @inline(__always)
    private static func finalise(_ value: UInt64) -> UInt64 {
        var hash = value
        hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 31)
    }

    /// Feeds the description's UTF-8, NFC with case and spacing folded (the same text
    /// as ``Folding/caseAndSpace(_:)``, and the bytes its key is computed from), to `sink`.
    static func foldedDescription(_ text: String, into sink: (UInt8) -> Void) {
        Folding.caseAndSpaceBytes(text, into: sink)
    }
}
