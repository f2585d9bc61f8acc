/// Header fields in the order they came (or will be sent), looked up case-insensitively.
///
/// A list, not a dictionary: order and repetition matter on the wire (two `Set-Cookie`
/// lines are two cookies), and requests have few fields, so a linear search is the fast one.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// One field line: its name as sent and its value without surrounding white space.
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Every field line, in order.
    public private(set) var fields: [Field]

    public init() { fields = [] }
    public init(_ fields: [(String, String)]) {
        self.fields = fields.map { Field(name: $0.0, value: $0.1) }
    }
    public init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }

    public var count: Int { fields.count }
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// The value of the first field with this name (any case), or nil: the lookup most
    /// fields need, as most may appear once.
    public subscript(name: String) -> String? {
        fields.first { Self.sameName($0.name, name) }?.value
    }

    /// Every value of the fields with this name, in order: for fields that may repeat.
    public func values(for name: String) -> [String] {
        fields.filter { Self.sameName($0.name, name) }.map(\.value)
    }

    /// Whether a field with this name is present, in any case.
    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Whether a comma-separated field (`Connection`, `Expect`) lists this token, in any case.
    public func containsToken(_ token: String, in name: String) -> Bool {
        let wanted = token.asciiLowercased
        return values(for: name).contains { value in
            value.split(separator: ",").contains { String($0).trimmingOWS.asciiLowercased == wanted }
        }
    }

    /// Appends a field, keeping any with the same name (for `Set-Cookie`, `Vary`…).
    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Replaces every field with this name by one with this value.
    public mutating func replaceOrAdd(name: String, value: String) {
        remove(name)
        add(name: name, value: value)
    }

    /// Removes every field with this name.
    public mutating func remove(_ name: String) {
        fields.removeAll { Self.sameName($0.name, name) }
    }

    /// ASCII case-insensitive equality of two names, without building lower-cased copies
    /// (every lookup compares every field's name).
    static func sameName(_ a: String, _ b: String) -> Bool {
        HTTPBytes.equalsIgnoringCase(a.utf8, b.utf8)
    }

    /// True if every name is a token and no value holds CR, LF, NUL or another control byte
    /// but HTAB: what the serialiser checks so that a handler can never split a response.
    var areSafeToSend: Bool {
        fields.allSatisfy { field in
            HTTPBytes.isToken(field.name.utf8) && field.value.utf8.allSatisfy(HTTPBytes.isFieldValueByte)
        }
    }
}
