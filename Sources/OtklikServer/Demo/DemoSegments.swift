import Foundation
import OtklikCore
import OtklikStore

/// The demo's rule-based segments (issue 18 item 7, seed 003's segments by loyalty, satisfaction and retention).
enum DemoSegments {
    static let definitions = """
        {"segments": [
         {"code": "loyal-high-value", "name_ru": "Лояльные с высокой ценностью", "name_en": "Loyal, high value",
          "rules": [{"attribute": "clv_band", "op": "eq", "value": "top"}, {"attribute": "recency_days", "op": "lte", "value": 60}]},
         {"code": "at-risk-after-complaint", "name_ru": "Под риском после жалобы", "name_en": "At risk after a complaint",
          "rules": [{"attribute": "complaints", "op": "gte", "value": 1}, {"attribute": "churn_band", "op": "in", "value": ["medium", "high"]}]},
         {"code": "new-this-quarter", "name_ru": "Новые в этом квартале", "name_en": "New this quarter",
          "rules": [{"attribute": "tenure_days", "op": "lte", "value": 90}, {"attribute": "purchases", "op": "gte", "value": 1}]},
         {"code": "detractors-who-buy", "name_ru": "Критики, которые покупают", "name_en": "Detractors who still buy",
          "rules": [{"attribute": "nps_group", "op": "eq", "value": "detractor"}, {"attribute": "recency_days", "op": "lte", "value": 45}]},
         {"code": "many-complaints-top-value", "name_ru": "Ценные клиенты с тремя и более жалобами", "name_en": "High value with three or more complaints",
          "rules": [{"attribute": "clv_band", "op": "eq", "value": "top"}, {"attribute": "complaints", "op": "gte", "value": 3}]}
        ]}
        """

    static func seed(_ database: AppDatabase, now: Date) async throws {
        guard try await database.segments.segments().isEmpty else { return }
        try await database.segments.define(try SegmentDefinition.parseList(Data(definitions.utf8)), now: now)
    }
}
