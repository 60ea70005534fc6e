"""SKP planning: appraisal years, SKP workflow, RHK/IKI, cascading (issue: SKP planning)."""
