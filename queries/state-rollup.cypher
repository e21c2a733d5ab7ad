// name: state-rollup
// question: Which claims do states make through their officials and agencies?
// params: state:actor=, limit:int=100
// example: -p state=Russia
// note: Follows MEMBER_OF chains of 1 to 4 hops (spokeswoman -> ministry -> state); empty state = all states.
MATCH (member:Actor)-[:MEMBER_OF*1..4]->(s:Actor {kind: 'state'})
WHERE $state = '' OR s.id = $state
WITH DISTINCT member, s
MATCH (member)-[:MADE]->(c:Claim)
RETURN s.name AS state, member.name AS through, c.type AS claim_type, count(c) AS claims,
       min(c.date) AS first_date, max(c.date) AS last_date
ORDER BY state, claims DESC, through, claim_type
LIMIT $limit
// engine: neo4j
CALL () {
  WITH $state AS state WHERE state <> ''
  MATCH (s:Actor {id: state})
  WHERE s.kind = 'state'
  MATCH (member:Actor)-[:MEMBER_OF*1..4]->(s)
  WITH DISTINCT member, s
  MATCH (t:Tally)
  WHERE t.src = member.id AND t.level = 'said' AND t.claims > 0
  RETURN s, member, t
  ORDER BY t.claims DESC, member.name, t.type
  LIMIT $limit
  UNION ALL
  WITH $state AS state WHERE state = ''
  MATCH (s:Actor)
  WHERE s.kind = 'state' AND s.name >= ''
  MATCH (member:Actor)-[:MEMBER_OF*1..4]->(s)
  WITH DISTINCT member, s
  MATCH (t:Tally)
  WHERE t.src = member.id AND t.level = 'said' AND t.claims > 0
  RETURN s, member, t
  ORDER BY s.kind, s.name, t.claims DESC, member.name, t.type
  LIMIT $limit
}
RETURN s.name AS state, member.name AS through, t.type AS claim_type, t.claims AS claims,
       t.first_date AS first_date, t.last_date AS last_date
ORDER BY state, claims DESC, through, claim_type
LIMIT $limit
