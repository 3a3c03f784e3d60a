import Foundation
import Hummingbird
import Logging
import Metrics
import OtklikApplication
import OtklikCore
import OtklikStore

/// `POST /device/v1/presses`: a button console delivers its buffered presses with `Authorization: Bearer otd_…`.
/// The answer comes after the shared commit is durable and lists every sequence number now stored
/// (new or already there), so the console can drop exactly those from its buffer.
struct DeviceController {
    let devices: any DeviceRepository
    let ingest: FeedbackIngest
    let skewLimit: TimeInterval
    let logger: Logger
    private let skewRefusals = Counter(label: "otklik_device_clock_skew_refusals_total")

    init(devices: any DeviceRepository, ingest: FeedbackIngest, skewLimit: TimeInterval, logger: Logger) {
        self.devices = devices
        self.ingest = ingest
        self.skewLimit = skewLimit
        self.logger = logger
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.group("device/v1").post("presses", use: presses)
    }

    @Sendable func presses(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw OtklikError(.unauthorized, "send the device token as 'Authorization: Bearer otd_…' (issued by 'otklik device add')")
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let device = try await devices.device(token: token) else {
            throw OtklikError(.unauthorized, "the device token is unknown or revoked")
        }
        guard device.device.kind == .buttonConsole else {
            throw OtklikError(.forbidden, "device '\(device.device.code)' is a \(device.device.kind.rawValue), not a button console")
        }
        let now = Date()
        let batch = try await JSONBody.decode(PressBatchJSON.self, from: request, context: context).batch()
        try await devices.recordContact(code: device.device.code, at: now, skewSeconds: batch.skew(now: now))
        let items: [Feedback]
        do {
            items = try batch.feedback(of: device, now: now, skewLimit: skewLimit)
        } catch {
            if error.field == "sent_at" {
                skewRefusals.increment()
                logger.warning("device clock skew", metadata: ["device": "\(device.device.code)", "skew_s": "\(batch.skew(now: now))"])
            }
            throw error
        }
        let outcome = try await ingest.ingest(items, now: now)
        let prefix = "\(device.device.code).\(device.epoch)."
        let stored = (outcome.inserted + outcome.duplicates).compactMap { Int($0.dropFirst(prefix.count)) }.sorted()
        return JSONResponse.make(
            outcome.inserted.isEmpty ? .ok : .created,
            PressReceipt(acknowledged: stored, new: outcome.inserted.count, duplicates: outcome.duplicates.count, skewSeconds: batch.skew(now: now)))
    }

    /// What the console may drop from its buffer, and how far its clock is off.
    struct PressReceipt: Encodable {
        var acknowledged: [Int]
        var new: Int
        var duplicates: Int
        var skewSeconds: Double

        enum CodingKeys: String, CodingKey {
            case acknowledged, new, duplicates, skewSeconds = "clock_skew_s"
        }
    }
}
