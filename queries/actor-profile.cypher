// name: actor-profile
// question: What does an actor claim, what is claimed about it, and with whom?
// params: actor:actor, limit:int=100
// example: -p actor=Russia
// note: One row per direction (made/received), claim type and counterpart ('' when a claim has no target, or targets the actor itself); the biggest first.
// note: A busy actor has tens of thousands of such rows at a million claims: raise limit to see more.
MATCH (me:Actor {id: $actor})
MATCH (me)-[role:MADE|TARGETS]-(c:Claim)
OPTIONAL MATCH (c)-[:MADE|TARGETS]-(other:Actor)
WHERE other.id <> me.id
RETURN me.name AS actor,
       CASE type(role) WHEN 'MADE' THEN 'made' ELSE 'received' END AS direction,
       c.type AS claim_type, coalesce(other.name, '') AS counterpart,
       count(*) AS claims, min(c.date) AS first_date, max(c.date) AS last_date
ORDER BY claims DESC, direction, claim_type, counterpart
LIMIT $limit
// engine: neo4j
MATCH (me:Actor {id: $actor})
CALL (me) {
  MATCH (t:Tally)
  WHERE t.src = me.id AND t.level = 'pair' AND t.claims > 0
  WITH me, t
  WHERE t.dst <> me.id
  MATCH (o:Actor {id: t.dst})
  WITH t, 'made' AS direction, o.name AS counterpart
  ORDER BY t.src DESC, t.level DESC, t.claims DESC, t.type, counterpart
  LIMIT $limit
  RETURN direction, t.type AS claim_type, counterpart, t.claims AS claims,
         t.first_date AS first_date, t.last_date AS last_date
  UNION ALL
  MATCH (t:Tally)
  WHERE t.src = me.id AND t.level = 'open' AND t.claims > 0
  RETURN 'made' AS direction, t.type AS claim_type, '' AS counterpart, t.claims AS claims,
         t.first_date AS first_date, t.last_date AS last_date
  UNION ALL
  MATCH (t:Tally)
  WHERE t.dst = me.id AND t.level = 'pair' AND t.claims > 0
  MATCH (o:Actor {id: t.src})
  WITH t, 'received' AS direction, CASE WHEN o.id = me.id THEN '' ELSE o.name END AS counterpart
  ORDER BY t.dst DESC, t.level DESC, t.claims DESC, t.type, counterpart
  LIMIT $limit
  RETURN direction, t.type AS claim_type, counterpart, t.claims AS claims,
         t.first_date AS first_date, t.last_date AS last_date
}
RETURN me.name AS actor, direction, claim_type, counterpart, claims, first_date, last_date
ORDER BY claims DESC, direction, claim_type, counterpart
LIMIT $limit
