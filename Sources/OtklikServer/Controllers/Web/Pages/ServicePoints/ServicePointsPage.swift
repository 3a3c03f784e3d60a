/// `/service-points`: every location's kiosk, QR form, printable QR code and loyalty display, and the button consoles.
struct ServicePointsPage: Sendable {
    /// One location and the addresses of its service points.
    struct Location: Sendable {
        var code: String
        var name: String
        var kiosk: String
        var qr: String
        var qrImage: String
        var display: String
    }

    /// One button console: where it stands, whom it belongs to, when it last delivered and its clock offset.
    struct Device: Sendable {
        var code: String
        var kind: String
        var location: String
        /// "" when the console belongs to no staff member.
        var staff: String
        var lastSeen: String
        /// "+3 s"; "" before the first delivery.
        var skew: String
        var revoked: Bool
    }

    var locations: [Location]
    var devices: [Device]
    var hasDevices: Bool
}
