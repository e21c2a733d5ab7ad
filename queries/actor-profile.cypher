// name: actor-profile
// question: What does an actor claim, what is claimed about it, and with whom?
// params: actor:actor
// example: -p actor=Russia
// note: One row per direction (made/received), claim type and counterpart ('' when a claim has no target).
MATCH (me:Actor {id: $actor})
MATCH (me)-[role:MADE|TARGETS]-(c:Claim)
OPTIONAL MATCH (c)-[:MADE|TARGETS]-(other:Actor)
WHERE other.id <> me.id
RETURN me.name AS actor,
       CASE type(role) WHEN 'MADE' THEN 'made' ELSE 'received' END AS direction,
       c.type AS claim_type, coalesce(other.name, '') AS counterpart,
       count(*) AS claims, min(c.date) AS first_date, max(c.date) AS last_date
ORDER BY actor, direction, claim_type, claims DESC, counterpart
