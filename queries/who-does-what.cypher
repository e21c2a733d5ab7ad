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
