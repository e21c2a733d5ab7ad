// name: who-does-what
// question: Who does what to whom, for one claim type (MEETS, THREATENS, SANCTIONS, ...)?
// params: type:str=ACCUSES, limit:int=50
// example: -p type=rejects
MATCH (src:Actor)-[r]->(dst:Actor)
WHERE type(r) = toUpper($type)
RETURN src.name AS actor, type(r) AS claim_type, dst.name AS target, count(r) AS claims,
       min(r.date) AS first_date, max(r.date) AS last_date
ORDER BY claims DESC, actor, target
LIMIT $limit
// engine: neo4j
MATCH (t:Tally)
WHERE t.level = 'pair' AND t.type = toUpper($type) AND t.claims > 0
MATCH (src:Actor {id: t.src})
MATCH (dst:Actor {id: t.dst})
WITH src, dst, t
ORDER BY t.level DESC, t.type DESC, t.claims DESC, src.name, dst.name
LIMIT $limit
RETURN src.name AS actor, t.type AS claim_type, dst.name AS target, t.claims AS claims,
       t.first_date AS first_date, t.last_date AS last_date
ORDER BY claims DESC, actor, target
