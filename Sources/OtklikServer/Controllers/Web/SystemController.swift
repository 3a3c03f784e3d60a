import Foundation
import Hummingbird
import OtklikApplication
import OtklikStore
import Prometheus

/// `/health`, `/metrics` (Prometheus text format), `/openapi.yaml` and the stylesheet.
struct SystemController {
    let database: AppDatabase
    let analytics: Analytics
    /// The status of each change-feed consumer of this server.
    let consumers: [@Sendable () async throws -> FeedConsumerStatus]
    let registry: PrometheusCollectorRegistry
    /// `embedded` or `clickhouse`: the engine that answers the feedback metrics.
    let analyticsName: String

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("health") { _, _ in
            let engine = database.sql.dialect.rawValue
            var statuses: [FeedConsumerStatus] = []
            do {
                for status in consumers { statuses.append(try await status()) }
            } catch {
                return JSONResponse.make(
                    .serviceUnavailable,
                    HealthJSON(status: "database unavailable", database: engine, analytics: analyticsName, analyticsRecords: try? await analytics.count()))
            }
            let feed = HealthJSON.FeedJSON(head: statuses.map(\.head).max() ?? 0)
            do {
                let records = try await analytics.count()
                return JSONResponse.make(
                    .ok,
                    HealthJSON(status: "ok", database: engine, analytics: analyticsName, analyticsRecords: records, feed: feed, consumers: statuses))
            } catch {
                // ClickHouse unreachable: the figures cannot be answered, the store and its consumers are shown as they are.
                return JSONResponse.make(
                    .serviceUnavailable,
                    HealthJSON(status: "analytics unavailable", database: engine, analytics: analyticsName, feed: feed, consumers: statuses))
            }
        }
        router.get("metrics") { _, _ in
            // Each consumer's lag gauge is measured now, so a scrape sees the lag of this moment.
            for status in consumers { _ = try? await status() }
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        router.get("openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: try ResourceFiles.data("openapi.yaml"))))
        }
        for (file, type) in Self.staticFiles {
            router.get("static/\(file)") { _, _ in
                Response(
                    status: .ok, headers: [.contentType: type, .cacheControl: "max-age=3600"],
                    body: .init(byteBuffer: ByteBuffer(bytes: try ResourceFiles.data("static/\(file)"))))
            }
        }
    }
}

extension SystemController {
    /// The files under `Resources/static` the server hands out (scripts must be files: the CSP forbids inline ones).
    static let staticFiles = [
        ("otklik.css", "text/css; charset=utf-8"), ("form.js", "text/javascript; charset=utf-8"),
        ("display.js", "text/javascript; charset=utf-8"), ("alerts.js", "text/javascript; charset=utf-8"),
    ]
}

struct HealthJSON: Encodable {
    var status: String
    var database: String
    /// `embedded` or `clickhouse`.
    var analytics: String
    /// Feedback records the analytics engine holds (absent when it cannot be asked).
    var analyticsRecords: Int?
    /// The store's change feed: its newest position.
    var feed: FeedJSON?
    /// Each consumer of the feed in this server, with its lag.
    var consumers: [FeedConsumerStatus]?

    struct FeedJSON: Encodable { var head: Int64 }

    enum CodingKeys: String, CodingKey { case status, database, analytics, feed, consumers, analyticsRecords = "analytics_records" }
}
