/// Rules for client-chosen ids and reference codes (`L01`, `fb-2026-000123`, a UUID).
public enum Identifier {
    public static let maxLength = 64

    /// An id is 1-64 characters of letters, digits and `-_.:`.
    public static func isValid(_ value: String) -> Bool {
        guard !value.isEmpty, value.utf8.count <= maxLength else { return false }
        return value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "."), UInt8(ascii: ":"):
                return true
            default:
                return false
            }
        }
    }

    public static func validate(_ value: String, field: String) throws(OtklikError) {
        guard isValid(value) else {
            throw .invalid(field, "must be 1-\(maxLength) characters of letters, digits and -_.:")
        }
    }
}
