import OtklikApplication

extension ChurnUnavailable {
    /// Why there is no churn model, in a page's language (the at-risk page, a customer's page); the English reason when
    /// the page's texts lack the words.
    func words(_ text: [String: String]) -> String {
        switch cause {
        case .noCustomers: return text["churn_no_customers"] ?? reason
        case .oneClass(let customers, let churned):
            return (text["churn_one_class"] ?? reason)
                .replacingOccurrences(of: "{churned}", with: String(churned)).replacingOccurrences(of: "{customers}", with: String(customers))
        case nil: return reason
        }
    }
}
