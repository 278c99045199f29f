using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Runner.Customers.Contracts;
using Runner.Customers.Customers;
using Runner.Kernel;

namespace Runner.Customers;

/// <summary>Customers: one per email, their address books and order history.</summary>
public static class CustomersModule
{
    public static IServiceCollection AddCustomers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModel<CustomersModel>();
        services.AddScoped<ICustomers, CustomerService>();
        services.TryAddScoped<ICustomerOrderHistory, NoOrderHistory>();
        return services;
    }

    public static IEndpointRouteBuilder MapCustomers(this IEndpointRouteBuilder endpoints)
    {
        var customers = endpoints.MapGroup("/admin/customers").WithTags("Customers");
        CustomerQueries.Map(customers);
        AddressBook.Map(customers);
        MyAccount.Map(endpoints);
        return endpoints;
    }
}
