"""Internal GraphQL for SKP planning: years, organisation goals, SKP with RHK/IKI, cascade."""
