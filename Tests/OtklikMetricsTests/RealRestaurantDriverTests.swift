import Foundation
import OtklikInterchange
import OtklikMetrics
import Testing

/// Issue 6, "done means": derived importance on real data. SentiRuEval-2015 restaurant reviews (../shared/data/ru,
/// 404 reviews; academic licence, never copied into the project) carry 1-10 scores for food, interior and service
/// and an overall sentiment `sent_whole`. The overall target maps positive = 1, both = 0.5, neutral = 0.5,
/// negative = 0; "absence" (no overall sentiment) is missing, so that review is dropped listwise. Scores of 0 in the
/// data are kept as given. Service must come first and the relative weights must sum to R².
@Suite struct RealRestaurantDriverTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/ru/sentirueval2015_restaurant_reviews.csv").path
    static let available = FileManager.default.fileExists(atPath: path)
    static let overall = ["positive": 1.0, "both": 0.5, "neutral": 0.5, "negative": 0.0]

    static func analysis(_ method: DriverMethod) throws -> DriverAnalysis {
        let table = try CSVTable.parse(try String(contentsOfFile: path, encoding: .utf8))
        #expect(table.rows.count == 404)
        let target = try #require(table.column("sent_whole"))
        let factors = try ["food", "interior", "service"].map { name in
            (name: name, values: table.cells(try #require(table.column(name))).map { Double($0) })
        }
        return try DriverAnalysis(target: "overall", values: table.cells(target).map { overall[$0] }, factors: factors, method: method)
    }

    @Test(.enabled(if: available, "../shared/data is absent: the real-data check is skipped"))
    func serviceDrivesTheOverallSentimentMost() throws {
        let result = try Self.analysis(.relativeWeights)
        #expect(result.n == 403)
        #expect(result.dropped == 1)
        #expect(result.drivers.map(\.factor) == ["service", "food", "interior"])
        let r2 = try #require(result.r2)
        #expect(abs(result.drivers.reduce(0) { $0 + $1.weight } - r2) < 1e-12)
        // Figures checked independently with NumPy (eigh, lstsq): R² 0.68622, ε = service 0.38009, food 0.23410, interior 0.07203.
        #expect(abs(r2 - 0.6862169627199708) < 1e-9)
        #expect(abs(result.drivers[0].weight - 0.38009069) < 1e-7)
        #expect(abs(result.drivers[1].weight - 0.23409596) < 1e-7)
        #expect(abs(result.drivers[2].weight - 0.07203031) < 1e-7)
    }

    @Test(.enabled(if: available, "../shared/data is absent: the real-data check is skipped"))
    func correlationAgrees() throws {
        let result = try Self.analysis(.correlation)
        #expect(result.drivers.first?.factor == "service")
        #expect(abs(result.drivers[0].weight - 0.78677491) < 1e-7)
    }
}
