// name: proposals-rejected
// question: Which proposals were made, and who rejected them?
// params: rejected_only:bool=false, limit:int=100
// example: -p rejected_only=true
// note: A rejection counts when the extractor linked it to the proposal (REJECTS -ABOUT-> PROPOSES).
MATCH (prp:Actor)-[:MADE]->(p:Claim {type: 'PROPOSES'})
OPTIONAL MATCH (p)-[:TARGETS]->(addressee:Actor)
OPTIONAL MATCH (rjr:Actor)-[:MADE]->(rej:Claim {type: 'REJECTS'})-[:ABOUT]->(p)
WITH prp, p, addressee, rjr, rej
WHERE NOT $rejected_only OR rej IS NOT NULL
RETURN p.date AS date, prp.name AS proposer, coalesce(addressee.name, '') AS proposed_to,
       p.sentence AS proposal, coalesce(rjr.name, '') AS rejected_by,
       coalesce(rej.sentence, '') AS rejection
ORDER BY date, proposer, proposal, rejected_by, rejection
LIMIT $limit
// engine: neo4j
MATCH (p:Claim)
WHERE p.type = 'PROPOSES' AND p.date >= ''
MATCH (prp:Actor)-[:MADE]->(p)
OPTIONAL MATCH (p)-[:TARGETS]->(addressee:Actor)
OPTIONAL MATCH (rjr:Actor)-[:MADE]->(rej:Claim {type: 'REJECTS'})-[:ABOUT]->(p)
WITH prp, p, addressee, rjr, rej
WHERE NOT $rejected_only OR rej IS NOT NULL
WITH prp, p, addressee, rjr, rej
ORDER BY p.type, p.date, prp.name, p.sentence, coalesce(rjr.name, ''), coalesce(rej.sentence, '')
LIMIT $limit
RETURN p.date AS date, prp.name AS proposer, coalesce(addressee.name, '') AS proposed_to,
       p.sentence AS proposal, coalesce(rjr.name, '') AS rejected_by,
       coalesce(rej.sentence, '') AS rejection
ORDER BY date, proposer, proposal, rejected_by, rejection
