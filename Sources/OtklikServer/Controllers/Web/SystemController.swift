import Foundation
import Hummingbird
import OtklikStore
import Prometheus

/// `/health`, `/metrics` (Prometheus text format), `/openapi.yaml` and the stylesheet.
struct SystemController {
    let database: AppDatabase
    let analytics: Analytics
    let registry: PrometheusCollectorRegistry

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("health") { _, _ in
            do {
                _ = try await database.sql.query("SELECT 1 AS ok")
                return JSONResponse.make(.ok, HealthJSON(status: "ok", database: database.sql.dialect.rawValue, analyticsRecords: await analytics.count))
            } catch {
                return JSONResponse.make(.serviceUnavailable, HealthJSON(status: "database unavailable", database: database.sql.dialect.rawValue, analyticsRecords: await analytics.count))
            }
        }
        router.get("metrics") { _, _ in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        router.get("openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: try ResourceFiles.data("openapi.yaml"))))
        }
        router.get("static/otklik.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"], body: .init(byteBuffer: ByteBuffer(bytes: try ResourceFiles.data("static/otklik.css"))))
        }
    }
}

struct HealthJSON: Encodable {
    var status: String
    var database: String
    var analyticsRecords: Int

    enum CodingKeys: String, CodingKey { case status, database, analyticsRecords = "analytics_records" }
}
