import Foundation

/// An organisation named by the plan: an agency, the consolidator or the recipient.
public struct Party: Hashable, Sendable, Codable {
    /// A short ASCII code such as `SVHTTDL`: 1–32 of `A-Z 0-9 _ -`.
    public var code: String
    /// The full name in Vietnamese, such as "Sở Văn hóa, Thể thao và Du lịch".
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// A task of the plan that an estimate line must refer to.
///
/// A value whose four fields live in one shared, immutable box: the validator hands the
/// item of every line to every line rule, and copying four fields (two strings, an array)
/// cost three retains and three releases each time; copying the box costs one. Setting a
/// field makes a new box, so items keep value semantics.
public struct PlanItem: Hashable, Sendable {
    @usableFromInline
    final class Storage: Sendable {
        @usableFromInline let code: String
        @usableFromInline let title: String
        @usableFromInline let agencies: [String]
        @usableFromInline let cap: Money?

        @usableFromInline
        init(code: String, title: String, agencies: [String], cap: Money?) {
            self.code = code
            self.title = title
            self.agencies = agencies
            self.cap = cap
        }
    }

    @usableFromInline var storage: Storage

    /// The code as the plan writes it, such as `IV.2.a`.
    public var code: String {
        @inlinable get { storage.code }
        set { storage = Storage(code: newValue, title: title, agencies: agencies, cap: cap) }
    }
    /// The title in Vietnamese.
    public var title: String {
        @inlinable get { storage.title }
        set { storage = Storage(code: code, title: newValue, agencies: agencies, cap: cap) }
    }
    /// The agency codes that may claim the item; empty means anyone.
    public var agencies: [String] {
        @inlinable get { storage.agencies }
        set { storage = Storage(code: code, title: title, agencies: newValue, cap: cap) }
    }
    /// The most the plan allows for the item across all agencies.
    public var cap: Money? {
        @inlinable get { storage.cap }
        set { storage = Storage(code: code, title: title, agencies: agencies, cap: newValue) }
    }

    public init(code: String, title: String, agencies: [String] = [], cap: Money? = nil) {
        storage = Storage(code: code, title: title, agencies: agencies, cap: cap)
    }

    /// Whether `agency` (a canonical code) may claim the item.
    public func isAssigned(to agency: String) -> Bool {
        agencies.isEmpty || agencies.contains(agency)
    }

    /// Items are equal when their fields are.
    public static func == (lhs: PlanItem, rhs: PlanItem) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.code == rhs.code && lhs.title == rhs.title && lhs.agencies == rhs.agencies && lhs.cap == rhs.cap)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(title)
        hasher.combine(agencies)
        hasher.combine(cap)
    }
}

/// Which rules of document layout the consolidator's papers follow.
public enum Authority: String, Sendable, Hashable, CaseIterable {
    /// A state body (Nghị định 30/2020/NĐ-CP): the national motto "CỘNG HÒA XÃ HỘI CHỦ
    /// NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc" heads its documents.
    case state
    /// A body of the Communist Party of Vietnam (Hướng dẫn 36-HD/VPTW): "ĐẢNG CỘNG SẢN
    /// VIỆT NAM" heads its documents, the issuing body under its superior with a star.
    case party
}

/// A plan (`budget-plan/1`): who submits, for what, by when, and who receives the result.
///
/// Load one with ``PlanLoader``; it is immutable afterwards. Codes are matched
/// case-insensitively after trimming (``Plan/agency(matching:)``,
/// ``Plan/item(matching:)``).
public struct Plan: Sendable {
    public var id: String
    public var title: String
    public var reference: String?
    /// The body issuing the plan, such as "Ủy ban nhân dân tỉnh Kon Tum".
    public var issuer: String
    /// Where documents are dated ("Kon Tum, ngày …"); optional in the file.
    public var place: String?
    public var consolidator: Party
    public var recipient: Party
    public var currency: String
    public var timeZone: TimeZone
    /// When submissions are due: the plan's `"deadline"`; for a recurring plan, the
    /// deadline of its ``period`` once read for one (``forPeriod(_:)``), else of its first.
    public var deadline: Deadline
    /// The recurring deadline (`"recurrence"`), or `nil` for a plan with one deadline.
    public var recurrence: Recurrence?
    /// The period of the round the plan is read for (``forPeriod(_:)``); `nil` for a plan
    /// with one deadline, or a recurring plan read outside a round (`check`, `template`).
    public var period: Period?
    public var agencies: [Party]
    public var items: [PlanItem]
    /// Whether the consolidator is a state or a Party body (`"authority"`, default
    /// `"state"`): it decides the heading of the cover memo.
    public var authority: Authority

    private var agencyIndex: [String: Int]
    /// The agencies by their names' matching keys (``Folding/key(_:)``), the first of a key.
    private var agencyNameIndex: [String: Int]
    private var itemIndex: CodeIndex

    public init(
        id: String, title: String, reference: String?, issuer: String, place: String?,
        consolidator: Party, recipient: Party, currency: String, timeZone: TimeZone,
        deadline: Deadline, agencies: [Party], items: [PlanItem], authority: Authority = .state,
        recurrence: Recurrence? = nil, period: Period? = nil
    ) {
        self.init(
            id: id, title: title, reference: reference, issuer: issuer, place: place, consolidator: consolidator,
            recipient: recipient, currency: currency, timeZone: timeZone, deadline: deadline, agencies: agencies,
            items: items, authority: authority, recurrence: recurrence, period: period,
            itemIndex: Self.index(of: items), agencyNames: Self.nameIndex(of: agencies))
    }

    /// The index of `agencies` by their names' matching keys; of two with one key, the
    /// first is found.
    static func nameIndex(of agencies: [Party]) -> [String: Int] {
        var index: [String: Int] = Dictionary(minimumCapacity: agencies.count)
        for (n, agency) in agencies.enumerated() {
            let key = Folding.key(agency.name)
            if index[key] == nil { index[key] = n }
        }
        return index
    }

    /// The index of `items` by code key; of two items with one code, the later is found.
    static func index(of items: [PlanItem]) -> CodeIndex {
        var index = CodeIndex(capacity: items.count)
        for item in items { index.append(replacing: Plan.codeKey(item.code)) }
        return index
    }

    /// The plan, with the index of its items by code key already made (the loader makes
    /// it to find repeated codes: a second one for 200 000 items cost a tenth of loading
    /// them).
    init(
        id: String, title: String, reference: String?, issuer: String, place: String?,
        consolidator: Party, recipient: Party, currency: String, timeZone: TimeZone,
        deadline: Deadline, agencies: [Party], items: [PlanItem], authority: Authority,
        recurrence: Recurrence?, period: Period?, itemIndex: CodeIndex, agencyNames: [String: Int]
    ) {
        self.id = id
        self.title = title
        self.reference = reference
        self.issuer = issuer
        self.place = place
        self.consolidator = consolidator
        self.recipient = recipient
        self.currency = currency
        self.timeZone = timeZone
        self.deadline = deadline
        self.agencies = agencies
        self.items = items
        self.authority = authority
        self.recurrence = recurrence
        self.period = period
        var a: [String: Int] = Dictionary(minimumCapacity: agencies.count)
        for (n, agency) in agencies.enumerated() { a[Plan.codeKey(agency.code)] = n }
        agencyIndex = a
        agencyNameIndex = agencyNames
        self.itemIndex = itemIndex
    }

    /// The matching key of a code: trimmed (``Folding/trim(_:)``) and upper-cased.
    ///
    /// Codes are nearly always short ASCII, and the validator keys every line's code, so
    /// ASCII takes a byte path (trim ASCII white space, upper-case by arithmetic; the code
    /// itself is returned when nothing changes) that gives exactly what the Unicode path
    /// gives; any other text takes the Unicode path.
    public static func codeKey(_ code: String) -> String {
        var copy = code
        if let key = copy.withUTF8({ asciiCodeKey($0, original: code) }) { return key }
        return Folding.trim(code).uppercased()
    }

    /// ``codeKey(_:)`` of ASCII bytes, or `nil` if a byte is not ASCII.
    private static func asciiCodeKey(_ bytes: UnsafeBufferPointer<UInt8>, original: String) -> String? {
        var start = 0
        var end = bytes.count
        var lower = false
        for byte in bytes {
            if byte >= 0x80 { return nil }
            if byte &- 0x61 < 26 { lower = true }
        }
        @inline(__always) func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte &- 0x09 < 5 }
        while start < end && isSpace(bytes[start]) { start += 1 }
        while end > start && isSpace(bytes[end - 1]) { end -= 1 }
        if !lower && start == 0 && end == bytes.count { return original }
        return String(unsafeUninitializedCapacity: end - start) { target in
            for index in start..<end {
                let byte = bytes[index]
                target[index - start] = byte &- 0x61 < 26 ? byte - 0x20 : byte
            }
            return end - start
        }
    }

    /// The agency whose code matches `code` (any case, surrounding space ignored).
    public func agency(matching code: String) -> Party? {
        agencyIndex[Plan.codeKey(code)].map { agencies[$0] }
    }

    /// The item whose code matches `code` (any case, surrounding space ignored).
    public func item(matching code: String) -> PlanItem? {
        itemIndex.position(of: Plan.codeKey(code)).map { items[$0] }
    }

    /// The index in ``items`` of the item whose code matches `code`, as
    /// ``item(matching:)`` finds it. For callers that keep something per item (sums,
    /// caches) in arrays rather than in dictionaries keyed by code.
    public func itemIndex(matching code: String) -> Int? {
        itemIndex.position(of: Plan.codeKey(code))
    }

    /// The agency whose name matches `name` after folding case, tone marks and spacing.
    public func agency(named name: String) -> Party? {
        let key = Folding.key(name)
        guard !key.isEmpty else { return nil }
        return agencyNameIndex[key].map { agencies[$0] }
    }

    /// The items `agency` may claim, in plan order.
    public func items(assignedTo agency: String) -> [PlanItem] {
        items.filter { $0.isAssigned(to: agency) }
    }
}
