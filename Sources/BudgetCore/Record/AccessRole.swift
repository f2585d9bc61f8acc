/// Who a portal access code lets in: the officer (everything) or one agency (its own
/// files only). The raw values are what the round stores in `access_codes.role`.
public enum AccessRole: String, Sendable, Hashable, Codable, CaseIterable {
    case agency
    case officer
}
