import Foundation

/// Reads and strictly validates a plan file (`budget-plan/1`).
///
/// A bad plan is refused as a whole with every problem named by field path and position:
/// the plan decides what every submission is checked against, so a guess here would be a
/// wrong answer everywhere. Unknown members are refused too (a mistyped "deadine" must
/// not silently drop the deadline).
public enum PlanLoader {
    /// The only format this version reads.
    public static let format = "budget-plan/1"

    // Member lists are arrays: a few names, compared in order as bytes (iterating a set of
    // strings for every member of 200 000 items was a tenth of loading them).
    static let rootMembers: [String] = [
        "format", "id", "title", "reference", "issuer", "place", "consolidator", "recipient",
        "currency", "timeZone", "deadline", "recurrence", "agencies", "items", "authority",
    ]

    /// The members of `"recurrence"`.
    static let recurrenceMembers: [String] = ["every", "day", "time", "first", "last"]

    /// The members of an item, made once: a literal in the loop was rebuilt for each of a
    /// large plan's items. The loader reads them by position, in this order.
    static let itemMembers: [String] = ["code", "title", "agencies", "cap"]

    /// The members of a party (an agency, the consolidator, the recipient).
    static let partyMembers: [String] = ["code", "name"]

    /// Loads a plan from the bytes of a plan file.
    ///
    /// The plan's index of item codes is made once the JSON document is let go
    /// (``Validator/plan(_:)`` returns how to make the plan, not the plan): both at once
    /// were the peak of memory of loading a large plan.
    public static func load(_ bytes: [UInt8]) throws(PlanError) -> Plan {
        let make = try validated(bytes)
        return make()
    }

    /// The validated plan, to be made.
    private static func validated(_ bytes: [UInt8]) throws(PlanError) -> () -> Plan {
        let document: JSONDocument
        do {
            document = try JSONReader.document(bytes)
        } catch {
            throw PlanError([
                PlanProblem(
                    field: "", line: error.line, column: error.column,
                    message: Localized(
                        vi: "tệp kế hoạch không phải JSON hợp lệ: \(error.message.vi)",
                        en: "the plan file is not valid JSON: \(error.message.en)"))
            ])
        }
        var v = Validator()
        guard let make = v.plan(document.root), v.problems.isEmpty else {
            throw PlanError(v.locatedProblems(in: document))
        }
        return make
    }

    /// Whether `code` is a valid agency code: 1–32 of `A-Z 0-9 _ -`.
    public static func isAgencyCode(_ code: String) -> Bool {
        let u = code.utf8
        return (1...32).contains(u.count)
            && u.allSatisfy { (65...90).contains($0) || (48...57).contains($0) || $0 == 95 || $0 == 45 }
    }

    /// Whether `code` is a valid item code: 1–32 of ASCII letters, digits and `. - _ /`.
    public static func isItemCode(_ code: String) -> Bool {
        var copy = code
        return copy.withUTF8 { bytes in
            guard (1...32).contains(bytes.count) else { return false }
            for byte in bytes {
                switch byte {
                case 65...90, 97...122, 48...57, 46, 45, 95, 47: continue
                default: return false
                }
            }
            return true
        }
    }

    struct Validator {
        var problems: [PlanProblem] = []
        /// Where each problem's value starts, turned into lines and columns only at the end
        /// (``locatedProblems(in:)``), in one pass over the text.
        var offsets: [Int?] = []

        mutating func fail(_ path: String, _ node: JSONNode?, _ vi: String, _ en: String) {
            problems.append(PlanProblem(field: path, message: Localized(vi: vi, en: en)))
            offsets.append(node?.offset)
        }

        /// The problems with the line and column of each.
        func locatedProblems(in document: JSONDocument) -> [PlanProblem] {
            let known = offsets.compactMap { $0 }
            var positions = document.positions(of: known).makeIterator()
            return zip(problems, offsets).map { problem, offset in
                var located = problem
                if offset != nil, let position = positions.next() {
                    located.line = position.line
                    located.column = position.column
                }
                return located
            }
        }

        /// `path` is made only for a message: a plan of 200 000 items would otherwise build
        /// two path strings an item for nothing.
        mutating func string(
            _ parent: JSONNode, _ key: String, _ path: @autoclosure () -> String, required: Bool = true
        ) -> String? {
            string(parent[key], in: parent, key, path(), required: required)
        }

        /// ``string(_:_:_:required:)`` of a member already found (`node`, nil if absent).
        mutating func string(
            _ node: JSONNode?, in parent: JSONNode, _ key: String, _ path: @autoclosure () -> String,
            required: Bool = true
        ) -> String? {
            guard let node else {
                if required {
                    fail(path(), parent, "thiếu trường bắt buộc «\(key)»", "the required member \"\(key)\" is missing")
                }
                return nil
            }
            guard case let .string(text) = node.value else {
                fail(
                    path(), node, "cần một chuỗi, gặp \(node.kindName.vi)",
                    "expected a string, found \(node.kindName.en)"
                )
                return nil
            }
            let trimmed = Folding.trim(text)
            if required && trimmed.isEmpty {
                fail(path(), node, "không được để trống", "must not be empty")
                return nil
            }
            return Folding.nfc(trimmed)
        }

        mutating func unknownMembers(
            _ node: JSONNode, _ allowed: [String], _ path: @autoclosure () -> String, known: Bool = false
        ) {
            guard case let .object(members) = node.value else { return }
            // Names compared as bytes first: a plan of 200 000 items would make a string of
            // every member name only to find it allowed. `known`: the caller has.
            if known || node.hasOnlyMembers(in: allowed) { return }
            for member in members where !allowed.contains(member.key) {
                let path = path()
                // Sorted: a tie between two names resolves the same way every run (a set's
                // order changes from one process to the next).
                let suggestion = Suggest.nearest(member.key, in: allowed.sorted())
                let vi = "trường không được hỗ trợ «\(member.key)»" + (suggestion.map { "; có phải «\($0)»?" } ?? "")
                let en = "unsupported member \"\(member.key)\"" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "")
                fail(path.isEmpty ? member.key : "\(path).\(member.key)", member.value, vi, en)
            }
        }

        mutating func party(_ root: JSONNode, _ key: String) -> Party? {
            guard let node = root[key] else {
                fail(key, root, "thiếu trường bắt buộc «\(key)»", "the required member \"\(key)\" is missing")
                return nil
            }
            guard case .object = node.value else {
                fail(
                    key, node, "cần một đối tượng {\"code\", \"name\"}, gặp \(node.kindName.vi)",
                    "expected an object {\"code\", \"name\"}, found \(node.kindName.en)")
                return nil
            }
            unknownMembers(node, PlanLoader.partyMembers, key)
            let code = string(node, "code", "\(key).code")
            let name = string(node, "name", "\(key).name")
            if let code, !PlanLoader.isAgencyCode(code) {
                fail(
                    "\(key).code", node["code"],
                    "mã «\(code)» không hợp lệ: cần 1–32 ký tự A-Z, 0-9, _ hoặc - (chữ in hoa)",
                    "code \"\(code)\" is invalid: it needs 1–32 of A-Z, 0-9, _ or - (upper case)")
                return nil
            }
            guard let code, let name else { return nil }
            return Party(code: code, name: name)
        }

        /// How to make the plan if it is valid (see ``PlanLoader/load(_:)``).
        mutating func plan(_ root: JSONNode) -> (() -> Plan)? {
            guard case .object = root.value else {
                fail("", root, "tệp kế hoạch phải là một đối tượng JSON", "the plan file must be a JSON object")
                return nil
            }
            unknownMembers(root, PlanLoader.rootMembers, "")
            if let format = string(root, "format", "format"), format != PlanLoader.format {
                fail(
                    "format", root["format"], "định dạng «\(format)» không được hỗ trợ; cần «\(PlanLoader.format)»",
                    "unsupported format \"\(format)\"; expected \"\(PlanLoader.format)\"")
            }
            let id = string(root, "id", "id")
            if let id,
                !(1...64).contains(id.utf8.count)
                    || !id.utf8.allSatisfy({
                        (65...90).contains($0) || (97...122).contains($0) || (48...57).contains($0) || $0 == 46
                            || $0 == 45 || $0 == 95
                    })
            {
                fail(
                    "id", root["id"], "mã kế hoạch «\(id)» không hợp lệ: cần 1–64 ký tự chữ, số, . - _",
                    "plan id \"\(id)\" is invalid: it needs 1–64 of letters, digits, . - _")
            }
            let title = string(root, "title", "title")
            let reference = string(root, "reference", "reference", required: false)
            let issuer = string(root, "issuer", "issuer")
            let place = string(root, "place", "place", required: false)
            let consolidator = party(root, "consolidator")
            let recipient = party(root, "recipient")
            let currency = string(root, "currency", "currency")
            if let currency, currency != "VND" {
                fail(
                    "currency", root["currency"], "chỉ hỗ trợ tiền đồng «VND», gặp «\(currency)»",
                    "only đồng (\"VND\") is supported, found \"\(currency)\"")
            }
            var zone: TimeZone? = nil
            if let zoneName = string(root, "timeZone", "timeZone") {
                zone = TimeZone(identifier: zoneName)
                if zone == nil {
                    fail(
                        "timeZone", root["timeZone"], "múi giờ «\(zoneName)» không hợp lệ (ví dụ: «Asia/Ho_Chi_Minh»)",
                        "invalid time zone \"\(zoneName)\" (for example \"Asia/Ho_Chi_Minh\")")
                }
            }
            var deadline: Deadline? = nil
            var recurrence: Recurrence? = nil
            if root["recurrence"] != nil {
                recurrence = self.recurrence(root)
                if let node = root["deadline"] {
                    fail(
                        "deadline", node,
                        "kế hoạch có «recurrence» lấy hạn của từng kỳ từ «recurrence»; bỏ «deadline»",
                        "a plan with \"recurrence\" takes each period's deadline from it; remove \"deadline\"")
                }
                if let recurrence, let zone { deadline = recurrence.deadline(for: recurrence.first, zone: zone) }
            } else if root["deadline"] == nil {
                fail(
                    "deadline", root,
                    "thiếu trường bắt buộc «deadline» (hoặc «recurrence» cho hạn định kỳ)",
                    "the required member \"deadline\" is missing (or \"recurrence\", for a recurring deadline)")
            } else if let text = string(root, "deadline", "deadline"), let zone {
                deadline = Deadline(text, zone: zone)
                if deadline == nil {
                    fail(
                        "deadline", root["deadline"],
                        "hạn «\(text)» không hợp lệ: cần ngày «2020-03-10» hoặc thời điểm ISO 8601 «2020-03-10T17:00:00+07:00»",
                        "invalid deadline \"\(text)\": expected a date \"2020-03-10\" or an ISO 8601 time \"2020-03-10T17:00:00+07:00\""
                    )
                }
            }
            let agencies = self.agencies(root)
            let (items, itemIndex) = self.items(root, agencies: agencies?.parties ?? [])
            let authority = self.authority(root)
            guard problems.isEmpty, let id, let title, let issuer, let consolidator, let recipient,
                let currency, let zone, let deadline, let agencies, let items, let authority
            else { return nil }
            return {
                Plan(
                    id: id, title: title, reference: reference, issuer: issuer, place: place,
                    consolidator: consolidator, recipient: recipient, currency: currency, timeZone: zone,
                    deadline: deadline, agencies: agencies.parties, items: items, authority: authority,
                    recurrence: recurrence, period: nil, itemIndex: itemIndex, agencyNames: agencies.names)
            }
        }

        /// `"recurrence"`: `{"every": "month", "day": 1–31, "time": "HH:MM", "first": "YYYY-MM",
        /// "last": "YYYY-MM"}`, `time` and `last` optional. Every problem is named by its field.
        mutating func recurrence(_ root: JSONNode) -> Recurrence? {
            guard let node = root["recurrence"] else { return nil }
            guard case .object = node.value else {
                fail(
                    "recurrence", node,
                    "cần một đối tượng {\"every\": \"month\", \"day\": 20, \"first\": \"2020-01\"}, gặp \(node.kindName.vi)",
                    "expected an object {\"every\": \"month\", \"day\": 20, \"first\": \"2020-01\"}, found \(node.kindName.en)"
                )
                return nil
            }
            unknownMembers(node, PlanLoader.recurrenceMembers, "recurrence")
            var ok = true
            var unit: Recurrence.Unit? = nil
            if let text = string(node, "every", "recurrence.every") {
                unit = Recurrence.Unit(rawValue: text)
                if unit == nil {
                    fail(
                        "recurrence.every", node["every"],
                        "«every» chỉ nhận «month» (hằng tháng), gặp «\(text)»",
                        "\"every\" takes only \"month\" (every month), found \"\(text)\"")
                }
            }
            var day: Int? = nil
            if let dayNode = node["day"] {
                if case let .number(text) = dayNode.value, let value = Int(text), (1...31).contains(value) {
                    day = value
                } else {
                    let found = if case let .number(text) = dayNode.value { text } else { dayNode.kindName.vi }
                    let foundEn = if case let .number(text) = dayNode.value { text } else { dayNode.kindName.en }
                    fail(
                        "recurrence.day", dayNode,
                        "ngày hạn phải là số nguyên từ 1 đến 31 (ngày quá cuối tháng là ngày cuối tháng), gặp «\(found)»",
                        "the due day must be a whole number from 1 to 31 (a day past the month's end is its last day), found \"\(foundEn)\""
                    )
                }
            } else {
                fail(
                    "recurrence.day", node, "thiếu trường bắt buộc «day» (ngày hạn trong tháng, 1–31)",
                    "the required member \"day\" (the due day of the month, 1–31) is missing")
            }
            var time: TimeOfDay? = nil
            if node["time"] != nil {
                if let text = string(node, "time", "recurrence.time") {
                    time = TimeOfDay(text)
                    if time == nil {
                        fail(
                            "recurrence.time", node["time"],
                            "giờ hạn «\(text)» không hợp lệ: cần «HH:MM» hoặc «HH:MM:SS», ví dụ «17:00»",
                            "invalid time \"\(text)\": expected \"HH:MM\" or \"HH:MM:SS\", for example \"17:00\"")
                    }
                } else {
                    ok = false
                }
            }
            let first = period(node, "first", required: true)
            let last = period(node, "last", required: false)
            if let first, let last, last < first {
                fail(
                    "recurrence.last", node["last"],
                    "kỳ cuối «\(last.text)» đứng trước kỳ đầu «\(first.text)»",
                    "the last period \"\(last.text)\" comes before the first \"\(first.text)\"")
                ok = false
            }
            if node["last"] != nil && last == nil { ok = false }
            guard ok, let unit, let day, let first else { return nil }
            return Recurrence(every: unit, day: day, time: time, first: first, last: last)
        }

        /// A period member of `"recurrence"` (`first`, `last`): `YYYY-MM`.
        mutating func period(_ node: JSONNode, _ key: String, required: Bool) -> Period? {
            guard node[key] != nil || required else { return nil }
            guard let text = string(node, key, "recurrence.\(key)") else { return nil }
            guard let period = Period(text) else {
                fail(
                    "recurrence.\(key)", node[key],
                    "kỳ «\(text)» không hợp lệ: cần NĂM-THÁNG, ví dụ «2020-01»",
                    "invalid period \"\(text)\": expected YEAR-MONTH, for example \"2020-01\"")
                return nil
            }
            return period
        }

        /// `"authority"`: `"state"` (the default when absent) or `"party"`.
        mutating func authority(_ root: JSONNode) -> Authority? {
            guard root["authority"] != nil else { return .state }
            guard let text = string(root, "authority", "authority") else { return nil }
            guard let authority = Authority(rawValue: text) else {
                fail(
                    "authority", root["authority"],
                    "«authority» phải là «state» (cơ quan nhà nước) hoặc «party» (cơ quan của Đảng), gặp «\(text)»",
                    "\"authority\" must be \"state\" (a state body) or \"party\" (a body of the Party), found \"\(text)\""
                )
                return nil
            }
            return authority
        }

        /// The agencies, and the position of each by its name's matching key (made here to
        /// find repeated names, and kept as the plan's index of names).
        mutating func agencies(_ root: JSONNode) -> (parties: [Party], names: [String: Int])? {
            guard let node = root["agencies"] else {
                fail(
                    "agencies", root, "thiếu trường bắt buộc «agencies»", "the required member \"agencies\" is missing")
                return nil
            }
            guard case let .array(elements) = node.value, !elements.isEmpty else {
                fail("agencies", node, "cần một mảng khác rỗng các đơn vị", "expected a non-empty array of agencies")
                return nil
            }
            var out: [Party] = []
            var seenCodes: [String: Int] = [:]
            var seenNames: [String: Int] = [:]
            for (n, element) in elements.enumerated() {
                let path = "agencies[\(n)]"
                guard case .object = element.value else {
                    fail(
                        path, element, "cần một đối tượng {\"code\", \"name\"}",
                        "expected an object {\"code\", \"name\"}")
                    continue
                }
                unknownMembers(element, PlanLoader.partyMembers, path)
                let code = string(element, "code", "\(path).code")
                let name = string(element, "name", "\(path).name")
                guard let code, let name else { continue }
                if !PlanLoader.isAgencyCode(code) {
                    fail(
                        "\(path).code", element["code"],
                        "mã đơn vị «\(code)» không hợp lệ: cần 1–32 ký tự A-Z, 0-9, _ hoặc - (chữ in hoa)",
                        "agency code \"\(code)\" is invalid: it needs 1–32 of A-Z, 0-9, _ or - (upper case)")
                    continue
                }
                if let first = seenCodes[code] {
                    fail(
                        "\(path).code", element["code"], "mã đơn vị «\(code)» trùng với agencies[\(first)]",
                        "agency code \"\(code)\" duplicates agencies[\(first)]")
                    continue
                }
                let nameKey = Folding.key(name)
                if let first = seenNames[nameKey] {
                    fail(
                        "\(path).name", element["name"], "tên đơn vị «\(name)» trùng với agencies[\(first)]",
                        "agency name \"\(name)\" duplicates agencies[\(first)]")
                    continue
                }
                seenCodes[code] = n
                seenNames[nameKey] = out.count
                out.append(Party(code: code, name: name))
            }
            return (out, seenNames)
        }

        /// The items, and their index by code key.
        mutating func items(_ root: JSONNode, agencies: [Party]) -> ([PlanItem]?, CodeIndex) {
            guard let node = root["items"] else {
                fail("items", root, "thiếu trường bắt buộc «items»", "the required member \"items\" is missing")
                return (nil, CodeIndex(capacity: 0))
            }
            guard case let .array(elements) = node.value, !elements.isEmpty else {
                fail("items", node, "cần một mảng khác rỗng các nội dung", "expected a non-empty array of items")
                return (nil, CodeIndex(capacity: 0))
            }
            let known = Dictionary(uniqueKeysWithValues: agencies.map { (Plan.codeKey($0.code), $0.code) })
            var out: [PlanItem] = []
            out.reserveCapacity(elements.count)
            /// The element each item came from, for messages.
            var sources: [Int32] = []
            sources.reserveCapacity(elements.count)
            var index = CodeIndex(capacity: elements.count)
            /// The members of `PlanLoader.itemMembers` of the item at hand, in that order.
            var found: [JSONNode?] = []
            for (n, element) in elements.enumerated() {
                var path: String { "items[\(n)]" }
                guard case .object = element.value else {
                    fail(
                        path, element, "cần một đối tượng {\"code\", \"title\", …}",
                        "expected an object {\"code\", \"title\", …}")
                    continue
                }
                let onlyKnown = element.members(named: PlanLoader.itemMembers, into: &found)
                unknownMembers(element, PlanLoader.itemMembers, path, known: onlyKnown)
                let code = string(found[0], in: element, "code", "\(path).code")
                let title = string(found[1], in: element, "title", "\(path).title")
                var assigned: [String] = []
                var ok = true
                if let list = found[2] {
                    switch list.value {
                    case .null: break
                    case let .array(refs):
                        for (k, ref) in refs.enumerated() {
                            guard case let .string(text) = ref.value else {
                                fail(
                                    "\(path).agencies[\(k)]", ref, "cần một mã đơn vị (chuỗi)",
                                    "expected an agency code (a string)")
                                ok = false
                                continue
                            }
                            guard let canonical = known[Plan.codeKey(text)] else {
                                let hint = Suggest.nearest(text, in: agencies.map(\.code))
                                fail(
                                    "\(path).agencies[\(k)]", ref,
                                    "đơn vị «\(text)» không có trong «agencies»"
                                        + (hint.map { "; có phải «\($0)»?" } ?? ""),
                                    "agency \"\(text)\" is not in \"agencies\""
                                        + (hint.map { "; did you mean \"\($0)\"?" } ?? ""))
                                ok = false
                                continue
                            }
                            if !assigned.contains(canonical) { assigned.append(canonical) }
                        }
                    default:
                        fail("\(path).agencies", list, "cần một mảng mã đơn vị", "expected an array of agency codes")
                        ok = false
                    }
                }
                var cap: Money? = nil
                if let capNode = found[3] {
                    switch capNode.value {
                    case .null: break
                    case let .number(text):
                        if let value = Int64(text), value >= 0 {
                            cap = Money(dong: value)
                        } else {
                            fail(
                                "\(path).cap", capNode, "mức trần «\(text)» phải là số nguyên không âm (đồng)",
                                "cap \"\(text)\" must be a whole, non-negative number of đồng")
                            ok = false
                        }
                    default:
                        fail(
                            "\(path).cap", capNode, "mức trần phải là một số nguyên (đồng)",
                            "the cap must be a whole number of đồng")
                        ok = false
                    }
                }
                guard let code, let title, ok else { continue }
                if !PlanLoader.isItemCode(code) {
                    fail(
                        "\(path).code", element["code"],
                        "mã nội dung «\(code)» không hợp lệ: cần 1–32 ký tự chữ, số, . - _ /",
                        "item code \"\(code)\" is invalid: it needs 1–32 of letters, digits, . - _ /")
                    continue
                }
                let key = Plan.codeKey(code)
                if let earlier = index.insert(key) {
                    let first = sources[earlier]
                    fail(
                        "\(path).code", element["code"],
                        "mã nội dung «\(code)» trùng với items[\(first)] (không phân biệt hoa thường)",
                        "item code \"\(code)\" duplicates items[\(first)] (codes ignore case)")
                    continue
                }
                sources.append(Int32(n))
                out.append(PlanItem(code: code, title: title, agencies: assigned, cap: cap))
            }
            return (out, index)
        }
    }
}
