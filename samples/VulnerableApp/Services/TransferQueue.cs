using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;

namespace VulnerableApp.Services;

public sealed class TransferInput
{
    [Required]
    [RegularExpression("^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$")]
    public string ToAccount { get; set; } = "";

    [Range(0.01, 10000)]
    public decimal Amount { get; set; }
}

public interface ITransferQueue
{
    void Enqueue(TransferInput transfer);
}

public sealed class TransferQueue : ITransferQueue
{
    private readonly ConcurrentQueue<TransferInput> _pending = new();

    public void Enqueue(TransferInput transfer) => _pending.Enqueue(transfer);
}
