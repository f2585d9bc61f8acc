import BudgetCore

/// `duplicate-line`: the same item, description and amount as an earlier line — the
/// classic copy-paste that counts a cost twice. A warning: two identical purchases can
/// be real.
///
/// Lines match on the item's canonical code (the plan's, or the code as written, upper
/// case, for an unknown item), the description in NFC with case and spacing folded, and
/// the amount. Lines without an amount are not compared.
///
/// Memory: only a 64-bit hash of that key and the lowest line number are kept per
/// distinct line (`FirstLineTable`, 15–23 bytes a line), never the text. The
/// description enters the hash as its own 64-bit key (``EstimateLine/descriptionKey``,
/// ``Folding/caseAndSpaceKey(_:)``), which the reader can compute from the file's bytes
/// without making a `String`. The trade-off is that two different lines whose keys hash
/// alike would be reported as duplicates; with well-mixed 64-bit hashes the chance is
/// about n²/2⁶⁵ (3 in 100 million for a million lines), and the finding is only a warning.
///
/// Lines may arrive out of file order; `otherLine` is always the lower line number
/// seen so far, so a finding always points back, never forward.
public enum DuplicateLineRule {
    /// The rule as registered in ``LineRules``.
    public static let rule = LineRule(.duplicateLine)

    /// Appends the rule's findings for one line; see the type's documentation.
    @Sendable
    public static func check(
        _ checked: CheckedLine, _ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding]
    ) {
        let line = checked.line
        guard let amount = line.amount else { return }
        let hash: UInt64
        if case .some = checked.item {
            // The validator gives the plan item's key, made once per item; alone, the rule makes it.
            let itemKey = memory.item?.key ?? itemKey(checked.item?.code ?? "")
            hash = key(itemKey: itemKey, descriptionKey: line.descriptionKey, amount: amount)
        } else {
            hash = key(item: Plan.codeKey(line.itemCode), descriptionKey: line.descriptionKey, amount: amount)
        }
        let number = Int32(clamping: line.line)
        guard let earlier = memory.firstLines.remember(hash, line: number), earlier != number else { return }
        let item = checked.item?.code ?? Plan.codeKey(line.itemCode)
        let (duplicate, original) = earlier < number ? (line.line, Int(earlier)) : (Int(earlier), line.line)
        findings.append(
            context.finding(
                .duplicateLine, line: duplicate, field: .amount, value: Figures.amount(amount), item: item,
                arguments: ["otherLine": String(original)]))
    }

    /// Lines held back by ``stage(_:_:_:_:)`` and looked up together.
    ///
    /// Why: the table of a large file is tens of megabytes, so nearly every look-up misses
    /// the cache. Looked up line by line, between the other rules and the next line's
    /// reading, each miss stalled the processor alone; 64 look-ups back to back in one small
    /// loop are in its out-of-order window together, so their misses overlap (measured:
    /// `check` 0.53 s → 0.40 s on 1M lines). The answers and findings are exactly those of
    /// looking each line up as it comes, in the same order.
    struct Batch: Sendable {
        /// Lines held before a flush: enough to overlap a processor's outstanding misses.
        static let capacity = 64

        struct Entry: Sendable {
            var key: UInt64
            var amount: Int64
            var line: Int32
            /// The index of the line's item in the plan.
            var item: Int32
        }

        var entries: [Entry] = []

        init() { entries.reserveCapacity(Batch.capacity) }
    }

    /// What the validator runs: like ``check(_:_:_:_:)``, but a line of a plan item whose
    /// key the validator gave (``LineMemory/item``) is held in ``Batch`` and judged at the
    /// next flush (when the batch is full, before a line judged at once, and at the end).
    @inline(__always)
    static func stage(
        _ checked: CheckedLine, _ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding]
    ) {
        guard let amount = checked.line.amount else { return }
        guard let item = memory.item else {
            flush(context, &memory, &findings)
            check(checked, context, &memory, &findings)
            return
        }
        stage(
            itemKey: item.key, item: item.index, descriptionKey: checked.line.descriptionKey, amount: amount,
            line: checked.line.line, context, &memory, &findings)
    }

    /// ``stage(_:_:_:_:)`` for a line of the plan item at `item` (whose
    /// ``itemKey(_:)`` is `itemKey`), given by its parts.
    @inline(__always)
    static func stage(
        itemKey: UInt64, item: Int32, descriptionKey: UInt64, amount: Money, line: Int, _ context: LineContext,
        _ memory: inout LineMemory, _ findings: inout [Finding]
    ) {
        memory.staged.entries.append(
            Batch.Entry(
                key: key(itemKey: itemKey, descriptionKey: descriptionKey, amount: amount), amount: amount.dong,
                line: Int32(clamping: line), item: item))
        if memory.staged.entries.count == Batch.capacity { flush(context, &memory, &findings) }
    }

    /// Judges the held lines in the order they came (see ``Batch``).
    static func flush(_ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding]) {
        guard !memory.staged.entries.isEmpty else { return }
        memory.staged.entries.withUnsafeBufferPointer { entries in
            for entry in entries {
                guard let earlier = memory.firstLines.remember(entry.key, line: entry.line), earlier != entry.line
                else { continue }
                let (duplicate, original) =
                    earlier < entry.line ? (Int(entry.line), Int(earlier)) : (Int(earlier), Int(entry.line))
                findings.append(
                    context.finding(
                        .duplicateLine, line: duplicate, field: .amount,
                        value: Figures.amount(Money(dong: entry.amount)),
                        item: context.plan.items[Int(entry.item)].code, arguments: ["otherLine": String(original)]))
            }
        }
        memory.staged.entries.removeAll(keepingCapacity: true)
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
