/// A device that collects feedback at a service point.
public struct Device: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case buttonConsole = "button_console"
        case terminal
        case qrCode = "qr_code"
        case recorder
        /// A loyalty display paired as the location's staff screen: its token opens the red-press alerts on `/display/LOCATION`.
        case staffDisplay = "staff_display"
    }

    public var code: String
    public var kind: Kind
    public var location: String
    public var staff: String?

    public init(code: String, kind: Kind, location: String, staff: String? = nil) {
        self.code = code
        self.kind = kind
        self.location = location
        self.staff = staff
    }
}
